package dev.hotloop.agent.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.hotloop.agent.compile.VectorSupport;
import dev.hotloop.agent.explain.Explainer;
import dev.hotloop.agent.explain.LoopExplanation;
import dev.hotloop.codegen.kernel.KernelBackend;
import dev.hotloop.config.AgentOptions;
import dev.hotloop.config.ConfigParser;
import dev.hotloop.config.ConfigProblem;
import dev.hotloop.config.ConfigResult;
import dev.hotloop.config.HotloopConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hotloop explain <jar | classes dir>}: every loop over primitive arrays in the methods
 * the config selects, with the verdict the agent would reach, before anything runs.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Says what hotloop would do with each loop of a jar, before anything runs.",
        "Lists every loop over primitive arrays in the methods of a jar or a directory of"
            + " class files that the config selects (all methods without one), with what"
            + " hotloop would do with it once hot: 'would accelerate' (the plan and the"
            + " kernel: vector or scalar), 'kept' (a plan, but no kernel would be faster, and"
            + " why) or 'rejected' (why), at its source file and line. Nothing is run.",
        "Whether a vector kernel beats C2's code for its loop is measured at warm-up in the"
            + " running JVM (vector=auto), so a loop that 'would accelerate' may still be kept"
            + " there; the report of the running agent says."})
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<jar | classes dir>",
      description = "A jar, or a directory of class files such as target/classes.")
  Path input;

  @Option(names = "--config", paramLabel = "FILE",
      description = "A config file of method patterns (docs/config.md), as the agent would"
          + " use; its fastmath options count. Bad lines are reported and skipped.")
  Path config;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--vector-bits", paramLabel = "BITS",
      description = "Describe kernels for vectors of BITS bits (128, 256, 512), or 0 for"
          + " scalar kernels. Default: what this JVM would use; bin/hotloop starts it with"
          + " the Vector API module, plain 'java -jar' without, which means scalar.")
  Integer vectorBits;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.exists(input)) {
      err.println("hotloop: no such jar or directory: " + input);
      return HotloopCommand.NOT_FOUND;
    }
    HotloopConfig selected = HotloopConfig.defaults();
    if (config != null) {
      ConfigResult result;
      try {
        result = ConfigParser.parse(config);
      } catch (IOException e) {
        err.println("hotloop: cannot read config file " + config + ": " + e);
        return HotloopCommand.NOT_FOUND;
      }
      for (ConfigProblem p : result.problems()) {
        err.println("hotloop: config: " + p + " (line ignored)");
      }
      selected = result.config();
    }
    KernelBackend backend;
    String kernels;
    if (vectorBits == null) {
      VectorSupport vectors = VectorSupport.lookup(AgentOptions.VectorMode.ALWAYS);
      backend = vectors.backend();
      kernels = vectors.explanation();
    } else if (vectorBits == 0) {
      backend = KernelBackend.Scalar.INSTANCE;
      kernels = "scalar kernels (--vector-bits 0)";
    } else if (vectorBits == 128 || vectorBits == 256 || vectorBits == 512) {
      backend = new KernelBackend.Vector(vectorBits);
      kernels = "Vector API kernels with " + vectorBits + "-bit vectors (--vector-bits)";
    } else {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--vector-bits must be 0, 128, 256 or 512, got " + vectorBits);
    }
    Explainer.Explanation explanation;
    try {
      explanation = new Explainer(selected, backend).explain(input,
          n -> err.println("hotloop: " + n + " classes read..."));
    } catch (IOException e) {
      err.println("hotloop: cannot read " + input + ": " + e);
      return 1;
    }
    if (json) {
      spec.commandLine().getOut().println(toJson(explanation, kernels));
    } else {
      printText(spec.commandLine().getOut(), explanation, kernels);
    }
    for (Explainer.Unreadable u : explanation.unreadable()) {
      err.println("hotloop: skipped " + u.name() + ": " + u.reason());
    }
    return 0;
  }

  private void printText(PrintWriter out, Explainer.Explanation e, String kernels) {
    out.println("hotloop explain " + input + ": " + e.classes() + " classes, "
        + e.loops().size() + " loops over primitive arrays in the selected methods");
    out.println("kernels: " + kernels);
    for (LoopExplanation l : e.loops()) {
      out.printf("%-16s %s.%s%s loop#%d (%s)%n    %s%n", l.verdict().label(), l.className(),
          l.methodName(), l.descriptor(), l.ordinal(), l.location(), l.detail());
    }
    out.println(summary(e));
  }

  private static String summary(Explainer.Explanation e) {
    Map<LoopExplanation.Verdict, Integer> counts = counts(e);
    return counts.get(LoopExplanation.Verdict.ACCELERATE) + " would accelerate, "
        + counts.get(LoopExplanation.Verdict.KEPT) + " kept, "
        + counts.get(LoopExplanation.Verdict.REJECTED) + " rejected"
        + (e.unreadable().isEmpty() ? "" : "; " + e.unreadable().size()
            + " class files could not be read");
  }

  private static Map<LoopExplanation.Verdict, Integer> counts(Explainer.Explanation e) {
    Map<LoopExplanation.Verdict, Integer> counts = new EnumMap<>(LoopExplanation.Verdict.class);
    for (LoopExplanation.Verdict v : LoopExplanation.Verdict.values()) {
      counts.put(v, 0);
    }
    e.loops().forEach(l -> counts.merge(l.verdict(), 1, Integer::sum));
    return counts;
  }

  private String toJson(Explainer.Explanation e, String kernels) {
    JsonObject root = new JsonObject();
    root.addProperty("input", input.toString());
    root.addProperty("classes", e.classes());
    root.addProperty("kernels", kernels);
    JsonObject summary = new JsonObject();
    counts(e).forEach((v, n) -> summary.addProperty(v.label(), n));
    root.add("summary", summary);
    JsonArray loops = new JsonArray();
    for (LoopExplanation l : e.loops()) {
      JsonObject o = new JsonObject();
      o.addProperty("class", l.className());
      o.addProperty("method", l.methodName());
      o.addProperty("descriptor", l.descriptor());
      o.addProperty("loop", l.ordinal());
      o.addProperty("file", l.sourceFile());
      o.addProperty("line", l.line());
      o.addProperty("verdict", l.verdict().label());
      o.addProperty("detail", l.detail());
      loops.add(o);
    }
    root.add("loops", loops);
    JsonArray unreadable = new JsonArray();
    for (Explainer.Unreadable u : e.unreadable()) {
      JsonObject o = new JsonObject();
      o.addProperty("name", u.name());
      o.addProperty("reason", u.reason());
      unreadable.add(o);
    }
    root.add("unreadable", unreadable);
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root);
  }
}
