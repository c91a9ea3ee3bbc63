package dev.hotloop.codegen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.hotloop.codegen.kernel.KernelBackend;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The loop fuzzer's command line, which {@code bin/fuzz} runs: {@link LoopFuzzer} over a range
 * of seeds, with progress every few seconds, every mismatch as it is shrunk, and a last line
 * {@code N cases, M mismatches}; the exit status is 1 when M > 0.
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Generates random methods with loops over primitive arrays (and near-misses the analyzer"
            + " must reject), compiles them with javac, and compares each original with its"
            + " accelerated form on scalar code and 256-bit vectors, on random and edge inputs.",
        "Ends with the line 'N cases, M mismatches'; exit status 1 when M > 0, 2 on bad options."})
final class LoopFuzzMain implements Callable<Integer> {

  @Option(names = "--cases", paramLabel = "N", description = "Cases to run (default: "
      + "${DEFAULT-VALUE}).", defaultValue = "10000")
  long cases;

  @Option(names = "--seed", paramLabel = "S", description = "First seed; case k uses seed S + k"
      + " (default: ${DEFAULT-VALUE}). A mismatch names its seed: --seed S --cases 1 replays it.",
      defaultValue = "1")
  long seed;

  @Option(names = "--minutes", paramLabel = "M", description = "Stop after M minutes even if"
      + " cases remain (default: no limit).")
  Long minutes;

  @Option(names = "--threads", paramLabel = "T", description = "Threads (default: the"
      + " machine's processors, ${DEFAULT-VALUE}).", defaultValue = "0")
  int threads;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LoopFuzzMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (cases <= 0) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--cases must be positive, got " + cases);
    }
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    long deadline = minutes == null ? Long.MAX_VALUE
        : System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
    List<KernelBackend> backends = backends();
    System.out.println("fuzzing " + cases + " cases from seed " + seed + " on " + t
        + " threads, on " + backends.stream().map(LoopFuzzer::name).toList());
    LoopFuzzer fuzzer = new LoopFuzzer(backends);
    long start = System.nanoTime();
    ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "fuzz-progress");
      thread.setDaemon(true);
      return thread;
    });
    int[] printed = {0};
    progress.scheduleAtFixedRate(() -> {
      LoopFuzzer.Result now = fuzzer.snapshot();
      long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
      String slowest = fuzzer.slowest(30);
      System.out.println(now.summary() + " after " + seconds + " s (" + now.cases() / seconds
          + "/s)" + (slowest == null ? "" : "; " + slowest));
      List<LoopFuzzer.Mismatch> found = now.mismatches();
      for (; printed[0] < found.size(); printed[0]++) {
        System.out.println(found.get(printed[0]));
      }
    }, 10, 10, TimeUnit.SECONDS);
    LoopFuzzer.Result result;
    try {
      result = fuzzer.run(seed, cases, deadline, t);
    } finally {
      progress.shutdownNow();
    }
    for (int k = printed[0]; k < result.mismatches().size(); k++) {
      System.out.println(result.mismatches().get(k));
    }
    System.out.println(describe(result));
    System.out.println(result.summary());
    return result.mismatches().isEmpty() ? 0 : 1;
  }

  /** The scalar backend, and 256-bit vectors where the Vector API module is there. */
  static List<KernelBackend> backends() {
    List<KernelBackend> backends = new ArrayList<>(List.of(KernelBackend.Scalar.INSTANCE));
    if (SumKernelDifferentialTest.vectorAvailable()) {
      backends.add(new KernelBackend.Vector(256));
    }
    return backends;
  }

  /** What a run did, besides its summary line: acceptance and the top rejection reasons. */
  static String describe(LoopFuzzer.Result result) {
    StringBuilder s = new StringBuilder(result.summary() + ": " + result.accepted()
        + " accepted and compared (" + result.compared() + " calls), " + result.nearMisses()
        + " near-misses");
    List<Map.Entry<String, Long>> reasons = new ArrayList<>(result.rejections().entrySet());
    reasons.sort(Map.Entry.<String, Long>comparingByValue().reversed());
    if (!reasons.isEmpty()) {
      s.append("; rejected:");
      reasons.stream().limit(8).forEach(e -> s.append("\n  ").append(e.getValue()).append("  ")
          .append(e.getKey()));
    }
    return s.toString();
  }
}
