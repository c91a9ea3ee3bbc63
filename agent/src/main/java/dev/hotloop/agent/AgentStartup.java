package dev.hotloop.agent;

import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.management.ObjectName;

import dev.hotloop.agent.compile.DeferredVectorSupport;
import dev.hotloop.agent.compile.InjectedFaults;
import dev.hotloop.agent.compile.KernelCompiler;
import dev.hotloop.agent.compile.VectorSupport;
import dev.hotloop.agent.registry.LoopRegistry;
import dev.hotloop.agent.report.LoopReport;
import dev.hotloop.agent.report.ReportMXBean;
import dev.hotloop.agent.report.jfr.FlightRecorderEvents;
import dev.hotloop.agent.transform.LoopTransformer;
import dev.hotloop.config.AgentOptions;
import dev.hotloop.config.AgentOptionsResult;
import dev.hotloop.config.ConfigParser;
import dev.hotloop.config.ConfigProblem;
import dev.hotloop.config.ConfigResult;
import dev.hotloop.config.HotloopConfig;
import dev.hotloop.config.ReportFileName;
import dev.hotloop.runtime.Probes;

import org.slf4j.Logger;

/**
 * Start-up once the runtime is on the bootstrap class path: reads the options and config, picks
 * the kernel backend, installs the transformer and starts the compile thread. Nothing here ever
 * throws into the application: a broken config or an internal error is logged and the agent
 * disables itself.
 */
public final class AgentStartup {

  /** Set once the agent runs in this JVM, so that a second attach does not start another. */
  static final String RUNNING_PROPERTY = "dev.hotloop.agent.running";

  /** The agent running in this JVM, or null before it has started. */
  private static volatile RunningAgent live;

  /** What {@code hotloop} commands, and a second attach, sent to the running agent work with. */
  record RunningAgent(LoopReport report, KernelCompiler compiler, LoopTransformer transformer,
      LoopRegistry registry, Instrumentation inst) {
  }

  /** Whether {@code hotloop detach} has taken the transformer away. */
  private static boolean detached;

  /**
   * {@code hotloop detach}: every method the agent changed goes back to the bytes the
   * application wrote, and no class is transformed any more; the report stays, and a later
   * attach starts over. One line per loop switched back.
   */
  static List<String> detach(RunningAgent agent) throws Exception {
    synchronized (AgentStartup.class) {
      if (!detached) {
        agent.inst().removeTransformer(agent.transformer());
        detached = true;
      }
    }
    // With the transformer gone, retransforming a class gives it back its original bytes.
    return agent.compiler().deoptimize(m -> true, "switched back by hotloop detach")
        .get(RECONFIGURE_SECONDS, TimeUnit.SECONDS);
  }

  /** How long a second attach waits for the compile thread to switch loops back. */
  private static final long RECONFIGURE_SECONDS = 30;

  private AgentStartup() {
  }

  /** The agent running in this JVM, or null where none runs. */
  static RunningAgent running() {
    return live;
  }

  static void start(String args, Instrumentation inst, boolean attached, String runtimeFrom,
      long started) {
    Logger log = null;
    try {
      AgentOptionsResult parsed = AgentOptions.parse(args);
      AgentOptions options = parsed.options();
      AgentLogging.configure(options.log());
      log = AgentLogging.logger(AgentStartup.class);
      for (ConfigProblem p : parsed.problems()) {
        log.warn("ignoring agent option: {}", p);
      }
      log.debug("runtime classes from {}", runtimeFrom);
      synchronized (AgentStartup.class) {
        if (System.getProperty(RUNNING_PROPERTY) != null) {
          RunningAgent agent = live;
          if (agent == null) {
            log.warn("hotloop is already starting in this JVM; this second start is ignored");
          } else {
            try {
              reconfigure(agent, options, log);
            } catch (Exception e) {
              log.error("could not replace the config of the hotloop running here: {}",
                  e.toString());
            }
          }
          return;
        }
        System.setProperty(RUNNING_PROPERTY, "true");
      }
      run(options, inst, attached, log, started);
    } catch (Throwable t) {
      if (log == null) {
        System.err.println("[hotloop] ERROR hotloop could not start and is disabled: " + t);
      } else {
        log.error("hotloop could not start and is disabled: {}", t.toString());
        log.debug("details", t);
      }
    }
  }

  /**
   * A second attach: the config (with the thresholds) given now replaces the running one. What
   * was profiled or accelerated under the old one is switched back to its original code, the
   * analyses are forgotten, and every loaded class the new config may touch is analyzed afresh;
   * the other options keep the values of the first start.
   */
  private static void reconfigure(RunningAgent agent, AgentOptions options, Logger log)
      throws Exception {
    if (agent.compiler().stopped()) {
      log.warn("hotloop stopped in this JVM after an internal error (see its log); a second"
          + " attach does not start it again: restart the JVM to use it");
      return;
    }
    HotloopConfig config = configFrom(options, log, "the config hotloop runs with stays");
    if (config == null) {
      return;
    }
    List<String> undone = agent.compiler().deoptimize(m -> true,
        "switched back when a second attach replaced the config")
        .get(RECONFIGURE_SECONDS, TimeUnit.SECONDS);
    agent.registry().forgetAnalyses();
    agent.transformer().useConfig(config);
    synchronized (AgentStartup.class) {
      if (agent.compiler().stopped()) {
        // An internal error stopped the agent while the loops were switched back.
        log.warn("hotloop stopped in this JVM after an internal error (see its log); the new"
            + " config is not used: restart the JVM to use it");
        return;
      }
      if (detached) {
        // Attached again after a detach: transform classes again.
        agent.inst().addTransformer(agent.transformer(), true);
        detached = false;
      }
    }
    retransformLoaded(agent.inst(), config, log);
    log.info("hotloop is already running in this JVM: a second attach replaced its config{}"
        + " ({} loops switched back; loaded classes are analyzed afresh)",
        options.config().map(f -> " with " + f).orElse(""), undone.size());
  }

  /**
   * The config the options name (all methods where they name none), with their thresholds; or
   * null where the config file cannot be read, logged in one line that ends with
   * {@code consequence}.
   */
  private static HotloopConfig configFrom(AgentOptions options, Logger log,
      String consequence) {
    if (options.config().isEmpty()) {
      return HotloopConfig.defaults().withThresholds(options.thresholds());
    }
    Path file = options.config().get();
    ConfigResult result;
    try {
      result = ConfigParser.parse(file);
    } catch (IOException e) {
      log.error("cannot read config file {} ({}); {}", file, e.toString(), consequence);
      return null;
    }
    for (ConfigProblem p : result.problems()) {
      log.warn("config: {} (line ignored)", p);
    }
    return result.config().withThresholds(options.thresholds());
  }

  private static void run(AgentOptions options, Instrumentation inst, boolean attached,
      Logger log, long started) throws IOException {
    HotloopConfig config = configFrom(options, log, "hotloop is disabled");
    if (config == null) {
      return;
    }
    if (!inst.isRetransformClassesSupported()) {
      log.error("this JVM cannot retransform classes; hotloop is disabled");
      return;
    }
    // Where the answer takes a query of the JVM, the compile thread makes it, once.
    DeferredVectorSupport vectors = new DeferredVectorSupport(options.vector(), log);
    InjectedFaults faults = InjectedFaults.parse(System.getProperty(InjectedFaults.PROPERTY));
    for (String unknown : faults.unknown()) {
      log.warn("ignoring unknown fault '{}' in {}; expected {}", unknown,
          InjectedFaults.PROPERTY, InjectedFaults.NAMES);
    }
    if (faults.any()) {
      log.warn("injecting faults for testing hotloop itself ({}={})", InjectedFaults.PROPERTY,
          System.getProperty(InjectedFaults.PROPERTY));
    }
    LoopRegistry registry = new LoopRegistry(FlightRecorderEvents.forThisJvm());
    KernelCompiler compiler = new KernelCompiler(inst, registry, vectors,
        AgentLogging.logger(KernelCompiler.class), faults);
    Probes.setListener(compiler);
    compiler.start();
    // About one run in 64 of each accelerated loop is timed; where kernels are compared with
    // their loops, a quarter of those run the original loop.
    Probes.setSampling(64, options.slowerPercent().isPresent());
    // A comparison closes at most one window a look: every quarter second, a loop compared
    // with its original is settled within a second or so of the settling time, and every run
    // sent to an original that is much slower than its kernel costs the application.
    compiler.watch(options.deoptPercent(), options.slowerPercent(), Duration.ofMillis(250));
    LoopTransformer transformer = new LoopTransformer(config, registry,
        AgentLogging.logger(LoopTransformer.class));
    // With the transformer gone, retransforming a class gives it back its original bytes.
    compiler.onFatal(t -> {
      synchronized (AgentStartup.class) {
        if (!detached) {
          inst.removeTransformer(transformer);
          detached = true;
        }
      }
    });
    inst.addTransformer(transformer, true);

    // The report does not make the query itself: at exit, or in a JVM where nothing turned
    // hot, it would load the Vector API and the management beans for one line.
    LoopReport report = new LoopReport(registry, () -> {
      VectorSupport v = vectors.ifDecided();
      return v == null ? "kernel backend not chosen yet: no method has turned hot"
          : v.vectorized() ? v.explanation() : "scalar kernels";
    });
    live = new RunningAgent(report, compiler, transformer, registry, inst);
    // Not now: creating the platform MBean server in premain would set up java.util.logging
    // before the application could choose its log manager. By the first hot method it has.
    compiler.onFirstHot(() -> registerMBean(report, log));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> writeReport(report, options, log),
        "hotloop-report"));

    if (attached) {
      retransformLoaded(inst, config, log);
    }
    log.debug("started in {} ms{}", (System.nanoTime() - started) / 1_000_000,
        config.patterns().isEmpty() ? ", watching all application classes"
            : ", " + config.patterns().size() + " patterns from " + options.config().get());
  }

  /** After an attach: profile the classes that were loaded before the agent came. */
  private static void retransformLoaded(Instrumentation inst, HotloopConfig config, Logger log) {
    List<Class<?>> candidates = new ArrayList<>();
    for (Class<?> c : inst.getAllLoadedClasses()) {
      if (c.getClassLoader() != null && !c.isArray() && !c.isHidden()
          && inst.isModifiableClass(c) && config.mayTouchClass(c.getName())) {
        candidates.add(c);
      }
    }
    int failed = 0;
    for (Class<?> c : candidates) {
      try {
        inst.retransformClasses(c);
      } catch (Throwable t) {
        failed++;
        log.debug("could not retransform {}: {}", c.getName(), t.toString());
      }
    }
    log.debug("looked at {} loaded classes ({} could not be retransformed)", candidates.size(),
        failed);
  }

  private static void registerMBean(LoopReport report, Logger log) {
    try {
      ManagementFactory.getPlatformMBeanServer().registerMBean(report,
          new ObjectName(ReportMXBean.NAME));
      log.debug("live report registered as the MBean {}", ReportMXBean.NAME);
    } catch (Throwable t) {
      // A JVM without java.management, or a name taken (a second agent): no MBean, no harm.
      log.debug("no MBean for the live report: {}", t.toString());
    }
  }

  private static void writeReport(LoopReport report, AgentOptions options, Logger log) {
    try {
      if (options.report().isPresent()) {
        ReportFileName name = new ReportFileName(options.report().get());
        Path file = name.resolve(ProcessHandle.current().pid(),
            name.needsHost() ? LoopReport.hostName() : "");
        String text = file.getFileName().toString().endsWith(".json") ? report.json()
            : report.render();
        if (file.getParent() != null) {
          // Each JVM of a job may be the first to write to a folder named after its host.
          Files.createDirectories(file.getParent());
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        log.info("report written to {}", file);
      } else {
        String text = report.render();
        System.err.print(text);
        System.err.flush();
      }
    } catch (Throwable t) {
      log.warn("could not write the report: {}", t.toString());
    }
  }
}
