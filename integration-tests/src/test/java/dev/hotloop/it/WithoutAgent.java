package dev.hotloop.it;

import java.time.Duration;

import dev.hotloop.it.apps.LoggingApp;
import dev.hotloop.it.apps.ParallelApp;
import dev.hotloop.it.apps.PrefixSumApp;
import dev.hotloop.it.apps.SumApp;
import dev.hotloop.it.jvm.AppClasspath;
import dev.hotloop.it.jvm.JvmCommand;
import dev.hotloop.it.jvm.JvmResult;
import dev.hotloop.it.jvm.OncePerJdk;
import dev.hotloop.it.jvm.RunFolder;

/**
 * The reference runs: each test app without the agent, made once per JDK and shared by every
 * test that says "the same as without the agent". They skip the hot loop (deadline 0), which
 * changes nothing an app prints. The Vector API module is resolved, as in the runs with the
 * agent; it changes nothing either, since the apps never use it.
 */
final class WithoutAgent {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  static final OncePerJdk<JvmResult> SUM_APP = new OncePerJdk<>(jdk ->
      JvmCommand.mainClass(jdk, SumApp.class, AppClasspath.PLAIN).withVectorModule()
          .withArgs("0")
          .run(RunFolder.create(WithoutAgent.class, "SumApp", jdk), TIMEOUT));

  static final OncePerJdk<JvmResult> PREFIX_SUM_APP = new OncePerJdk<>(jdk ->
      JvmCommand.mainClass(jdk, PrefixSumApp.class, AppClasspath.PLAIN).withVectorModule()
          .withArgs("0")
          .run(RunFolder.create(WithoutAgent.class, "PrefixSumApp", jdk), TIMEOUT));

  static final OncePerJdk<JvmResult> LOGGING_APP = new OncePerJdk<>(jdk ->
      JvmCommand.mainClass(jdk, LoggingApp.class, AppClasspath.WITH_LOGGING).withVectorModule()
          .withArgs("0")
          .run(RunFolder.create(WithoutAgent.class, "LoggingApp", jdk), TIMEOUT));

  static final OncePerJdk<JvmResult> PARALLEL_APP = new OncePerJdk<>(jdk ->
      JvmCommand.mainClass(jdk, ParallelApp.class, AppClasspath.PLAIN).withVectorModule()
          .withArgs("0")
          .run(RunFolder.create(WithoutAgent.class, "ParallelApp", jdk), TIMEOUT));

  private WithoutAgent() {
  }
}
