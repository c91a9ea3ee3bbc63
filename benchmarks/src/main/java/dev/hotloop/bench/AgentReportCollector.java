package dev.hotloop.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * The proof that the hotloop column was measured on the agent's kernels: an {@link OutputFormat}
 * that passes everything on to JMH's own and, after each forked JVM has exited, reads the report
 * the agent wrote at exit ({@code report=} file), keeps it for the benchmark and size that JVM
 * ran, with the number of calls JMH measured in that JVM, and appends it to an archive file.
 * {@link #verdicts} then says what each JVM's report says about the loop under test:
 * accelerated (with which kernel), kept or rejected (and why), and whether the kernel ran for
 * every measured call. It need not: the agent switches a method only once its kernel is warm
 * (seconds, on a busy machine), and when that happens after the warm-up iterations the
 * measurement mixes the loop's time with the kernel's. The report's kernel-run count, against
 * JMH's count of measured calls, shows it.
 *
 * <p>All forks of a run share one {@code report=} path, since JMH gives every fork the same JVM
 * arguments; JMH starts forks one after the other, so the report is collected before the next
 * fork starts (at JMH's "# Fork:" line) and after the last (at the end of the benchmark).
 */
final class AgentReportCollector implements OutputFormat {

  /**
   * A report's heading line for one loop, indented by two spaces (its detail lines by more): the
   * state, then the method's binary class name, name and parameters, then the source line.
   */
  private static final Pattern LOOP_LINE = Pattern.compile("^ {2}(\\w+) +([\\w.$]+)\\(");
  private static final Pattern KERNEL_RUNS = Pattern.compile("kernel runs ([\\d,]+)");
  /** The report's first line ends with the agent's backend, e.g. "(Vector API kernels ...)". */
  private static final Pattern BACKEND = Pattern.compile("^hotloop report:.*\\(([^)]*)\\)\\s*$");
  private static final String KEPT_PREFIX = "kept as it is: ";

  /**
   * The states of the report, the furthest along first: when a method has several loops (a
   * nest's outer loop is rejected, its inner one considered on its own), its verdict is that of
   * the loop that got furthest.
   */
  private static final List<String> STATES =
      List.of("accelerated", "warming", "failed", "kept", "cold", "rejected");

  private final OutputFormat delegate;
  private final Path reportFile;
  private final Path archive;
  private final Map<String, List<ForkReport>> reports = new HashMap<>();
  private final Set<String> backends = new LinkedHashSet<>();
  private BenchmarkParams current;
  private int fork;
  /** Calls of the benchmark method JMH measured in the current fork so far. */
  private long measuredCalls;

  /** One fork's agent report, and how many calls JMH measured in that JVM. */
  private record ForkReport(String report, long measuredCalls) {}

  /**
   * What one fork's agent report says about one loop.
   *
   * @param state the report's word for the loop ("accelerated", "kept", "cold", "warming",
   *     "failed", "rejected"), or "absent" when the report does not mention its method
   * @param detail the kernel of an accelerated loop ("vector, IntVector x 8 lanes (256-bit), 4
   *     partial results"), the reason a loop was kept, rejected or failed; empty otherwise
   * @param kernelRuns how often the kernel ran in that JVM, or -1 when not reported
   * @param measuredCalls how many calls of the loop JMH measured in that JVM (each benchmark
   *     call calls the loop once), or -1 when not known
   */
  record ForkVerdict(String state, String detail, long kernelRuns, long measuredCalls) {

    /**
     * The verdict of {@code report} on {@code method}, a binary class name and a method name,
     * e.g. {@code dev.hotloop.bench.SumLoops.intSum}.
     */
    static ForkVerdict parse(String report, String method, long measuredCalls) {
      ForkVerdict best = new ForkVerdict("absent", "", -1, measuredCalls);
      ForkVerdict block = null;
      for (String line : report.split("\\R")) {
        Matcher heading = LOOP_LINE.matcher(line);
        if (heading.find() && STATES.contains(heading.group(1))) {
          best = furthest(best, block);
          block = heading.group(2).equals(method)
              ? new ForkVerdict(heading.group(1), "", -1, measuredCalls) : null;
          continue;
        }
        if (block == null) {
          continue;
        }
        String text = line.strip();
        Matcher runs = KERNEL_RUNS.matcher(text);
        if (runs.find()) {
          block = new ForkVerdict(block.state, block.detail,
              Long.parseLong(runs.group(1).replace(",", "")), measuredCalls);
        } else if (block.detail.isEmpty()) {
          block = new ForkVerdict(block.state, detailOf(block.state, text), block.kernelRuns,
              measuredCalls);
        }
      }
      return furthest(best, block);
    }

    /**
     * What a detail line says for the state: an accelerated loop's kernel without its warm-up
     * time, a kept loop's reason (not its plan, the line before), a rejection's or failure's
     * reason; nothing for the other states, whose line is the plan.
     */
    private static String detailOf(String state, String line) {
      switch (state) {
        case "accelerated":
          int warmed = line.indexOf("; warmed in");
          return warmed < 0 ? line : line.substring(0, warmed);
        case "kept":
          return line.startsWith(KEPT_PREFIX) ? line.substring(KEPT_PREFIX.length()) : "";
        case "rejected":
        case "failed":
          return line;
        default:
          return "";
      }
    }

    private static ForkVerdict furthest(ForkVerdict a, ForkVerdict b) {
      if (b == null) {
        return a;
      }
      int rankA = STATES.indexOf(a.state);
      int rankB = STATES.indexOf(b.state);
      return rankA < 0 || (rankB >= 0 && rankB < rankA) ? b : a;
    }

    /** The loop ran on the agent's kernel in that JVM. */
    boolean accelerated() {
      return state.equals("accelerated") && kernelRuns != 0;
    }

    /**
     * Whether the agent settled the loop as it should: accelerated, or kept because its vector
     * kernel, timed at warm-up against C2's code for the loop, did not win.
     */
    boolean settled() {
      return accelerated() || (state.equals("kept") && detail.contains("measured at warm-up"));
    }

    /**
     * The loop ended on the kernel, but fewer kernel runs than measured calls were counted: the
     * agent switched during the measurement, which timed the original loop too. (The check at
     * the end of the trial adds a kernel run of its own, so a switch before measurement always
     * gives more kernel runs than measured calls.)
     */
    boolean switchedDuringMeasurement() {
      return accelerated() && kernelRuns >= 0 && measuredCalls > 0 && kernelRuns < measuredCalls;
    }

    /** The percentage of measured calls that ran the kernel; meaningful when accelerated. */
    long kernelPercent() {
      return measuredCalls <= 0 ? 100 : Math.min(100, 100 * kernelRuns / measuredCalls);
    }
  }

  AgentReportCollector(OutputFormat delegate, Path reportFile, Path archive) {
    this.delegate = delegate;
    this.reportFile = reportFile;
    this.archive = archive;
  }

  /** What each fork's report said about {@code loop} at {@code size}, in fork order. */
  List<ForkVerdict> verdicts(ComparedLoop loop, int size) {
    String method = loop.family().loops().getName() + "." + loop.loop();
    List<ForkVerdict> out = new ArrayList<>();
    for (ForkReport fork : reports.getOrDefault(key(loop.family().benchmark().getSimpleName(),
        loop.loop(), size), List.of())) {
      out.add(ForkVerdict.parse(fork.report(), method, fork.measuredCalls()));
    }
    return out;
  }

  private static String key(String benchmarkClass, String method, Object size) {
    return benchmarkClass + "." + method + "@" + size;
  }

  /** The backends the agents' reports named, e.g. "Vector API kernels with 256-bit vectors". */
  Set<String> backends() {
    return Collections.unmodifiableSet(backends);
  }

  private void collect() {
    long calls = measuredCalls;
    measuredCalls = 0;
    if (current == null || !Files.exists(reportFile)) {
      return;
    }
    try {
      String report = Files.readString(reportFile, StandardCharsets.UTF_8);
      Files.delete(reportFile);
      fork++;
      String benchmark = current.getBenchmark();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String benchmarkClass = benchmark.substring(0, benchmark.lastIndexOf('.'));
      benchmarkClass = benchmarkClass.substring(benchmarkClass.lastIndexOf('.') + 1);
      String size = current.getParam("size");
      reports.computeIfAbsent(key(benchmarkClass, method, size), k -> new ArrayList<>())
          .add(new ForkReport(report, calls));
      Matcher backend = BACKEND.matcher(report.lines().findFirst().orElse(""));
      if (backend.find()) {
        backends.add(backend.group(1));
      }
      String heading = "== " + benchmark + ", size " + size + ", fork " + fork + "\n";
      Files.writeString(archive, heading + report + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("could not collect the agent's report " + reportFile, e);
    }
  }

  @Override
  public void startBenchmark(BenchmarkParams benchParams) {
    try {
      Files.deleteIfExists(reportFile); // a stale report must not count for this benchmark
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    current = benchParams;
    fork = 0;
    measuredCalls = 0;
    delegate.startBenchmark(benchParams);
  }

  @Override
  public void println(String s) {
    if (s.startsWith("# Fork:") || s.startsWith("# Warmup Fork:")) {
      collect();
    }
    delegate.println(s);
  }

  @Override
  public void endBenchmark(BenchmarkResult result) {
    collect();
    current = null;
    delegate.endBenchmark(result);
  }

  @Override
  public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
    delegate.iteration(benchParams, params, iteration);
  }

  @Override
  public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
      IterationResult data) {
    if (params.getType() == IterationType.MEASUREMENT && data.getMetadata() != null) {
      measuredCalls += data.getMetadata().getMeasuredOps();
    }
    delegate.iterationResult(benchParams, params, iteration, data);
  }

  @Override
  public void startRun() {
    delegate.startRun();
  }

  @Override
  public void endRun(Collection<RunResult> result) {
    delegate.endRun(result);
  }

  @Override
  public void print(String s) {
    delegate.print(s);
  }

  @Override
  public void flush() {
    delegate.flush();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void verbosePrintln(String s) {
    delegate.verbosePrintln(s);
  }

  @Override
  public void write(int b) {
    delegate.write(b);
  }

  @Override
  public void write(byte[] b) throws IOException {
    delegate.write(b);
  }
}
