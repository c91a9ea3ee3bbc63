package dev.hotloop.spark;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Names the JVM a task runs in: {@code pid@host (Java version)}. */
final class Executor {

  private Executor() {
  }

  static String current() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown-host";
    }
    return ProcessHandle.current().pid() + "@" + host + " (Java "
        + System.getProperty("java.version") + ")";
  }
}
