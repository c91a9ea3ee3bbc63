package dev.hotloop.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main class of {@code benchmarks.jar}: runs the benchmarks of every {@link LoopFamily}
 * (sums, reductions, conditional reductions, maps, conditional maps, nested rows) three ways in
 * one go and prints the comparison. First, in JVMs without the agent, each family's loop
 * benchmark (e.g. {@link SumBenchmark}: the plain column) and its hand-written one (e.g. {@link
 * HandVectorSumBenchmark}: the hand Vector API column); then the loop benchmarks again in JVMs
 * started with {@code -javaagent:hotloop-agent.jar} and the config {@code
 * benchmarks/hotloop-bench.conf} (the hotloop column). Every JVM gets {@code --add-modules
 * jdk.incubator.vector} and {@code -Dsun.misc.unsafe.memory.access=allow}. The raw JMH JSON of
 * both runs, every fork's agent report and the tables go to {@code benchmarks/target/results/};
 * the tables also go to standard output.
 *
 * <p>Exit status: 0 when every cell of the table has a result, 1 when a benchmark failed (a wrong
 * result fails its trial), 2 for bad options.
 */
@Command(name = "bench", sortOptions = false, sortSynopsis = false, usageHelpAutoWidth = true,
    description = {
        "Times the loops of dev.hotloop.bench's *Loops classes (sums, reductions, conditional"
            + " reductions, maps, conditional maps, nested rows) on plain HotSpot, with the"
            + " hotloop agent, and as hand-written Vector API code (JMH), then prints markdown"
            + " tables, one per family, and writes them, with the raw JMH JSON and the agent's"
            + " reports, to benchmarks/target/results/.",
        "Default: the full run (1 fork, 2 x 400 ms warm-up (10 in the hotloop JVMs), 3 x 400 ms"
            + " measurement, sizes 100, 1000, 10000 and 1000000; 13-14 minutes on 2 cores)."
            + " Run it on a quiet machine."},
    footer = {"", "Examples:",
        "  bin/bench --quick",
        "  bin/bench --jvm /usr/lib/jvm/temurin-25-jdk-amd64",
        "  bin/bench --quick --include conditional-maps --sizes 1000,10000",
        "  bin/bench --quick --include '^longSum' --forks 2 \\",
        "            --agent-warmup-iterations 8 --iteration-time 1s"})
public final class BenchMain implements Callable<Integer> {

  private static final String VECTOR_MODULE_FLAGS = "--add-modules jdk.incubator.vector";

  /**
   * Lets JOL read addresses with {@code sun.misc.Unsafe} ({@link CacheLineAligned}) without the
   * warning JDK 24 and later print about it: the system property that {@code
   * --sun-misc-unsafe-memory-access=allow} sets, as a property because JDK 17 rejects that
   * option (and ignores the property).
   */
  private static final String UNSAFE_MEMORY_ACCESS_FLAG = "-Dsun.misc.unsafe.memory.access=allow";

  private static final String EVERY_JVM_FLAGS =
      VECTOR_MODULE_FLAGS + " " + UNSAFE_MEMORY_ACCESS_FLAG;

  @Option(names = "--quick",
      description = "1 fork, 2 x 400 ms warm-up (9 in the hotloop JVMs), 2 x 400 ms"
          + " measurement, size 10000 (under 3 minutes).")
  private boolean quick;

  @Option(names = "--agent", paramLabel = "<jar>",
      description = "The agent jar (default: agent/target/hotloop-agent.jar of this checkout,"
          + " beside the benchmarks folder).")
  private Path agent;

  @Option(names = "--jvm", paramLabel = "<java home>",
      description = "Run the benchmark JVMs on this JDK (a Java home or its bin/java), e.g."
          + " /usr/lib/jvm/temurin-25-jdk-amd64 (default: the JDK running this).")
  private Path jvm;

  @Option(names = "--include", paramLabel = "<regex>",
      description = "Only the loops whose names, or whose family's names, this regex finds"
          + " (families: sums, reductions, conditional-reductions, maps, conditional-maps,"
          + " rows);"
          + " 'longSum' matches longSum and longSumBoxed, 'maps' both map families, '^maps$'"
          + " one. A regex that matches nothing lists every loop.")
  private String include;

  @Option(names = "--sizes", paramLabel = "<n>", split = ",",
      description = "Array sizes, comma-separated (default: by plan; any positive size works,"
          + " e.g. 1003 for a scalar tail).")
  private List<Integer> sizes;

  @Option(names = "--forks", paramLabel = "<n>", description = "Override the plan's forks.")
  private Integer forks;

  @Option(names = "--warmup-iterations", paramLabel = "<n>",
      description = "Override the plan's warm-up iterations, in every JVM unless"
          + " --agent-warmup-iterations is given too.")
  private Integer warmupIterations;

  @Option(names = "--agent-warmup-iterations", paramLabel = "<n>",
      description = "Override the warm-up iterations of the hotloop JVMs. The agent switches a"
          + " method only after profiling and warming its kernel, and compares it with the"
          + " original loop on some runs from 2 s later: keep 4 s of warm-up or more.")
  private Integer agentWarmupIterations;

  @Option(names = "--measurement-iterations", paramLabel = "<n>",
      description = "Override the plan's measurement iterations.")
  private Integer measurementIterations;

  @Option(names = "--iteration-time", paramLabel = "<time>",
      description = "Override the length of every iteration: milliseconds with ms (500ms),"
          + " else seconds (1s, or 1); at least 100ms (default 400ms).")
  private String iterationTime;

  @Option(names = "--config", paramLabel = "<file>",
      description = "The agent config of the hotloop run (default: benchmarks/hotloop-bench.conf).")
  private Path config;

  @Option(names = "--results", paramLabel = "<dir>",
      description = "Where to write results (default: benchmarks/target/results).")
  private Path results;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  private boolean help;

  @Spec
  private CommandSpec spec;

  private String[] commandLine = new String[0];

  /** Runs the benchmarks; see {@code --help}. */
  public static void main(String[] args) {
    BenchMain main = new BenchMain();
    main.commandLine = args.clone();
    CommandLine cli = new CommandLine(main);
    cli.setParameterExceptionHandler((e, ignored) -> {
      cli.getErr().println("bench: " + e.getMessage());
      cli.getErr().println("bench: see bin/bench --help");
      return 2;
    });
    System.exit(cli.execute(args));
  }

  @Override
  public Integer call() throws IOException, RunnerException {
    MeasurementPlan plan = plan();
    List<ComparedLoop> loops = selectedLoops();
    Path agentJar;
    Path configFile;
    Path resultsDir;
    String java;
    try {
      CheckoutLayout layout = agent != null && config != null && results != null
          ? null : CheckoutLayout.locate();
      agentJar = requireFile(agent != null ? agent : layout.agentJar(), "agent jar",
          "build it with: mvn -B -q -DskipTests package (or bin/bench without --no-build)");
      configFile = requireFile(config != null ? config : layout.config(), "agent config", "");
      resultsDir = (results != null ? results : layout.resultsDir()).toAbsolutePath();
      java = javaExecutable();
    } catch (IllegalStateException | IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      return 2;
    }
    Files.createDirectories(resultsDir);
    Path reportFile = resultsDir.resolve("agent-report.tmp");
    Path reportArchive = resultsDir.resolve("hotloop-agent-reports.txt");
    Files.deleteIfExists(reportArchive);
    String agentArg = "-javaagent:" + agentJar + "=config=" + configFile + ",log=warn,report="
        + reportFile;
    for (Path p : List.of(agentJar, configFile, reportFile)) {
      if (p.toString().contains(",")) {
        System.err.println("bench: the agent's options cannot hold a path with a comma: " + p);
        return 2;
      }
    }

    Set<String> handKernels = loops.stream()
        .map(l -> l.family().handBenchmark().getSimpleName() + "." + l.handKernel())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    int plainCount = loops.size() + handKernels.size();
    double eta = plan.estimatedSeconds(plainCount, false)
        + plan.estimatedSeconds(loops.size(), true);
    System.out.printf(Locale.ROOT, "# hotloop benchmarks: %s%n# loops %s; %s%n"
            + "# %d benchmarks x %d sizes x %d forks on %s: about %.0f min%n%n",
        commandLineText(), loops.stream().map(ComparedLoop::loop).collect(Collectors.toList()),
        plan.describe(), plainCount + loops.size(), plan.sizes().size(), plan.forks(), java,
        Math.ceil(eta / 60));

    // the selected loops' benchmark methods, and their hand-written kernels', family by family
    List<String> loopIncludes = new ArrayList<>();
    List<String> plainIncludes = new ArrayList<>();
    for (LoopFamily family : LoopFamily.values()) {
      List<ComparedLoop> rows = loops.stream().filter(l -> l.family() == family)
          .collect(Collectors.toList());
      if (!rows.isEmpty()) {
        loopIncludes.add(exactly(family.benchmark(), rows.stream().map(ComparedLoop::loop)));
        plainIncludes.add(exactly(family.handBenchmark(),
            rows.stream().map(ComparedLoop::handKernel).distinct()));
      }
    }
    plainIncludes.addAll(0, loopIncludes);

    // (a) plain HotSpot and hand-written Vector API code: JVMs without the agent
    Collection<RunResult> plainRun = new Runner(options(plan, plan.warmupIterations(), java,
        plainIncludes, resultsDir.resolve("plain.json")).jvmArgsAppend().build()).run();

    // (b) the same loops with the agent attached
    AgentReportCollector reports = new AgentReportCollector(
        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL), reportFile,
        reportArchive);
    Collection<RunResult> hotloopRun = new Runner(options(plan, plan.agentWarmupIterations(),
        java, loopIncludes, resultsDir.resolve("hotloop.json")).jvmArgsAppend(agentArg).build(),
        reports).run();
    Files.deleteIfExists(reportFile);

    ResultTable table = new ResultTable(loops, plan.sizes(), plainRun, hotloopRun, reports);
    String markdown = header(plan, java, agentArg, plainRun, hotloopRun, reports) + "\n"
        + table.render();
    Path tableFile = resultsDir.resolve("table.md");
    Files.writeString(tableFile, markdown, StandardCharsets.UTF_8);
    Path chartFile = ResultChart.write(resultsDir, loops, "hotloop benchmarks (" + java + ")");
    System.out.println();
    System.out.println(markdown);
    System.out.println("Written: " + tableFile + ", " + chartFile + ", "
        + resultsDir.resolve("plain.json") + ", " + resultsDir.resolve("hotloop.json") + ", "
        + reportArchive);
    if (table.notAccelerated() > 0) {
      System.out.println("WARNING: in " + table.notAccelerated() + " hotloop cell(s) the agent's"
          + " report shows neither accelerated nor kept after timing at warm-up a loop it should"
          + " accelerate: see the agent"
          + " column and " + reportArchive);
    }
    if (table.lateSwitches() > 0) {
      System.out.println("WARNING: in " + table.lateSwitches() + " hotloop cell(s) the agent"
          + " switched to its kernel during the measurement, whose time is then partly the"
          + " original loop's: run again with more --agent-warmup-iterations (or on a quieter"
          + " machine)");
    }
    if (table.missingCells() > 0) {
      System.out.println("ERROR: " + table.missingCells() + " cell(s) have no result: a"
          + " benchmark failed, see the JMH output above");
      return 1;
    }
    return 0;
  }

  private MeasurementPlan plan() {
    try {
      return planFromOptions();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private MeasurementPlan planFromOptions() {
    MeasurementPlan base = quick ? MeasurementPlan.quick() : MeasurementPlan.full();
    if (sizes != null && sizes.stream().anyMatch(s -> s < 1)) {
      throw new IllegalArgumentException("--sizes: every size must be positive, got " + sizes);
    }
    int warmup = warmupIterations != null ? warmupIterations : base.warmupIterations();
    return new MeasurementPlan(
        forks != null ? forks : base.forks(),
        warmup,
        agentWarmupIterations != null ? agentWarmupIterations
            : warmupIterations != null ? warmup : base.agentWarmupIterations(),
        measurementIterations != null ? measurementIterations : base.measurementIterations(),
        iterationTime != null ? iterationMillis(iterationTime) : base.iterationMillis(),
        sizes != null ? sizes : base.sizes());
  }

  /** {@code --iteration-time}: {@code 500ms}, {@code 2s} or {@code 2} (seconds). */
  static int iterationMillis(String time) {
    Matcher m = Pattern.compile("(\\d{1,6})\\s*(ms|s)?").matcher(time.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("--iteration-time: expected milliseconds with ms"
          + " (500ms) or seconds (1s, or 1), got '" + time + "'");
    }
    int n = Integer.parseInt(m.group(1));
    return "ms".equals(m.group(2)) ? n : n * 1000;
  }

  private List<ComparedLoop> selectedLoops() {
    Pattern pattern;
    try {
      pattern = Pattern.compile(include == null ? "" : include);
    } catch (PatternSyntaxException e) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--include: not a regex: " + e.getMessage());
    }
    List<ComparedLoop> loops = Stream.of(ComparedLoop.values())
        .filter(l -> pattern.matcher(l.loop()).find()
            || pattern.matcher(l.family().key()).find())
        .collect(Collectors.toList());
    if (loops.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--include " + include + " matches no loop nor family; the loops are "
              + Stream.of(LoopFamily.values()).map(f -> f.key() + ": "
                  + Stream.of(ComparedLoop.values()).filter(l -> l.family() == f)
                      .map(ComparedLoop::loop).collect(Collectors.joining(", ")))
                  .collect(Collectors.joining("; ")));
    }
    return loops;
  }

  private String javaExecutable() {
    if (jvm == null) {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
    Path exe = Files.isDirectory(jvm) ? jvm.resolve("bin").resolve("java") : jvm;
    if (!Files.isExecutable(exe)) {
      throw new IllegalArgumentException("--jvm " + jvm + ": no java executable at " + exe);
    }
    return exe.toAbsolutePath().toString();
  }

  private static Path requireFile(Path file, String what, String hint) {
    Path abs = file.toAbsolutePath().normalize();
    if (!Files.isRegularFile(abs)) {
      throw new IllegalStateException("no " + what + " at " + abs
          + (hint.isEmpty() ? "" : "; " + hint));
    }
    return abs;
  }

  /** A JMH include that matches exactly these methods of this benchmark class. */
  private static String exactly(Class<?> benchmarkClass, Stream<String> methods) {
    return "^" + Pattern.quote(benchmarkClass.getName() + ".")
        + "(" + methods.map(Pattern::quote).collect(Collectors.joining("|")) + ")$";
  }

  private static ChainedOptionsBuilder options(MeasurementPlan plan, int warmupIterations,
      String java, List<String> includes, Path json) {
    ChainedOptionsBuilder options = new OptionsBuilder()
        .forks(plan.forks())
        .warmupIterations(warmupIterations)
        .warmupTime(TimeValue.milliseconds(plan.iterationMillis()))
        .measurementIterations(plan.measurementIterations())
        .measurementTime(TimeValue.milliseconds(plan.iterationMillis()))
        .param("size", plan.sizes().stream().map(String::valueOf).toArray(String[]::new))
        .jvm(java)
        .jvmArgs(EVERY_JVM_FLAGS.split(" "))
        .shouldFailOnError(false)
        .resultFormat(ResultFormatType.JSON)
        .result(json.toString());
    for (String include : includes) {
      options = options.include(include);
    }
    return options;
  }

  private String header(MeasurementPlan plan, String java, String agentArg,
      Collection<RunResult> plainRun, Collection<RunResult> hotloopRun,
      AgentReportCollector reports) {
    String vm = Stream.concat(plainRun.stream(), hotloopRun.stream()).findFirst()
        .map(r -> {
          BenchmarkParams p = r.getParams();
          return p.getVmName() + " " + p.getVmVersion() + " (JDK " + p.getJdkVersion() + ")";
        })
        .orElse("unknown (no benchmark finished)");
    return "## hotloop benchmarks, "
        + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n\n"
        + "- command: `" + commandLineText() + "`\n"
        + "- plan: " + plan.describe() + "; JMH average time, ns per call (± 99.9% CI)\n"
        + "- benchmark JVMs: " + vm + ", `" + java + "`\n"
        + "- every JVM: `" + EVERY_JVM_FLAGS + "`; hotloop column also: `" + agentArg + "`\n"
        + "- agent backend (from its reports): "
        + (reports.backends().isEmpty() ? "no report" : String.join("; ", reports.backends()))
        + "\n"
        + "- machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores, CPU SIMD flags: " + simdFlags() + "\n";
  }

  private String commandLineText() {
    return Stream.concat(Stream.of("bench"), Stream.of(commandLine)).collect(
        Collectors.joining(" "));
  }

  /** The CPU's AVX and FMA flags as the OS reports them: what HotSpot can choose from. */
  private static String simdFlags() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("flags")).findFirst()
          .map(l -> Stream.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+"))
              .filter(f -> f.startsWith("avx") || f.equals("fma"))
              .collect(Collectors.joining(" ")))
          .map(f -> f.isEmpty() ? "none" : f + (f.contains("avx512") ? "" : " (no AVX-512)"))
          .orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines.filter(l -> l.startsWith("model name")).findFirst()
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (IOException | RuntimeException e) {
      return "unknown CPU";
    }
  }
}
