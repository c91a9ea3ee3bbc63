package dev.hotloop.agent;

import java.io.File;
import java.net.URISyntaxException;

import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * {@code java -jar hotloop-agent.jar <pid> [agent-options]}: loads this agent into a running
 * JVM through Byte Buddy's attach support. (The full {@code hotloop} command comes later.)
 */
public final class AttachMain {

  private AttachMain() {
  }

  public static void main(String[] args) throws URISyntaxException {
    if (args.length < 1 || args.length > 2 || args[0].equals("--help") || args[0].equals("-h")) {
      System.err.println("usage: java -jar hotloop-agent.jar <pid> [key=value,...]");
      System.err.println("  loads hotloop into the running JVM <pid>; options as for -javaagent");
      System.exit(args.length == 1 && (args[0].equals("--help") || args[0].equals("-h")) ? 0 : 2);
    }
    File jar = new File(AttachMain.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    try {
      ByteBuddyAgent.attach(jar, args[0], args.length > 1 ? args[1] : "");
      System.out.println("hotloop attached to " + args[0]);
    } catch (RuntimeException e) {
      System.err.println("hotloop: could not attach to " + args[0] + ": " + e.getMessage());
      System.err.println("  (on JDK 21+ start the target with -XX:+EnableDynamicAgentLoading"
          + " to avoid the warning; a JVM attaches to itself only with"
          + " -Djdk.attach.allowAttachSelf=true)");
      System.exit(1);
    }
  }
}
