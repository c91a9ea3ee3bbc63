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
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * The proof that the hotloop column was measured on the agent's kernels: an {@link OutputFormat}
 * that passes everything on to JMH's own and, after each forked JVM has exited, reads the report
 * the agent wrote at exit ({@code report=} file), keeps what it says about the benchmarked loop
 * (accelerated or not, how many kernel runs) and appends the whole report to an archive file.
 *
 * <p>All forks of a run share one {@code report=} path, since JMH gives every fork the same JVM
 * arguments; JMH starts forks one after the other, so the report is collected before the next
 * fork starts (at JMH's "# Fork:" line) and after the last (at the end of the benchmark).
 */
final class AgentReportCollector implements OutputFormat {

  /** A report's heading line for one loop: its state, then the method, e.g. "accelerated". */
  private static final Pattern LOOP_LINE =
      Pattern.compile("^\\s*(\\S+)\\s+dev\\.hotloop\\.bench\\.SumLoops\\.(\\w+)\\(");
  private static final Pattern KERNEL_RUNS = Pattern.compile("kernel runs ([\\d,]+)");
  /** The report's first line ends with the agent's backend, e.g. "(Vector API kernels ...)". */
  private static final Pattern BACKEND = Pattern.compile("^hotloop report:.*\\(([^)]*)\\)\\s*$");

  private final OutputFormat delegate;
  private final Path reportFile;
  private final Path archive;
  private final Map<String, List<ForkVerdict>> verdicts = new HashMap<>();
  private final Set<String> backends = new LinkedHashSet<>();
  private BenchmarkParams current;
  private int fork;

  /**
   * What one fork's agent report says about the benchmarked loop.
   *
   * @param state the report's word for the loop ("accelerated", "kept", "cold", "warming",
   *     "failed", "rejected"), or "absent" when the report does not mention it
   * @param kernelRuns how often the kernel ran in that JVM, or -1 when not reported
   */
  record ForkVerdict(String state, long kernelRuns) {

    static ForkVerdict parse(String report, String loop) {
      String state = null;
      long kernelRuns = -1;
      for (String line : report.split("\\R")) {
        Matcher heading = LOOP_LINE.matcher(line);
        if (heading.find()) {
          if (state != null) {
            break; // the next loop's block
          }
          if (heading.group(2).equals(loop)) {
            state = heading.group(1);
          }
          continue;
        }
        Matcher runs = KERNEL_RUNS.matcher(line);
        if (state != null && runs.find()) {
          kernelRuns = Long.parseLong(runs.group(1).replace(",", ""));
        }
      }
      return new ForkVerdict(state == null ? "absent" : state, kernelRuns);
    }

    boolean accelerated() {
      return state.equals("accelerated") && kernelRuns != 0;
    }
  }

  AgentReportCollector(OutputFormat delegate, Path reportFile, Path archive) {
    this.delegate = delegate;
    this.reportFile = reportFile;
    this.archive = archive;
  }

  /** What each fork's report said about the loop of {@code loop} at {@code size}, in order. */
  List<ForkVerdict> verdicts(String loop, int size) {
    return verdicts.getOrDefault(loop + "@" + size, List.of());
  }

  /** The backends the agents' reports named, e.g. "Vector API kernels with 256-bit vectors". */
  Set<String> backends() {
    return Collections.unmodifiableSet(backends);
  }

  private void collect() {
    if (current == null || !Files.exists(reportFile)) {
      return;
    }
    try {
      String report = Files.readString(reportFile, StandardCharsets.UTF_8);
      Files.delete(reportFile);
      fork++;
      String benchmark = current.getBenchmark();
      String loop = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String size = current.getParam("size");
      verdicts.computeIfAbsent(loop + "@" + size, k -> new ArrayList<>())
          .add(ForkVerdict.parse(report, loop));
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
