package dev.hotloop.it.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Tells a test app when to end the loop that makes its methods hot: when the test writes
 * {@code stop} on the app's standard input (it does so once the agent has logged what it did
 * with them), or when the app's own deadline passes, whichever comes first. The deadline keeps
 * every app bounded even when no signal ever comes.
 */
public final class StopSignal {

  private final long deadlineNanos;
  private volatile boolean stopRequested;

  private StopSignal(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** Starts listening on standard input; the signal holds at the latest after {@code millis}. */
  public static StopSignal listen(long millis) {
    StopSignal signal = new StopSignal(System.nanoTime() + millis * 1_000_000L);
    Thread reader = new Thread(signal::readStandardInput, "stop-signal");
    // A daemon, so that an app that reaches its deadline exits without any signal.
    reader.setDaemon(true);
    reader.start();
    return signal;
  }

  /** Whether the app should end its loop now. */
  public boolean stopped() {
    return stopRequested || System.nanoTime() - deadlineNanos >= 0;
  }

  private void readStandardInput() {
    try (BufferedReader in = new BufferedReader(
        new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.trim().equals("stop")) {
          stopRequested = true;
          return;
        }
      }
    } catch (IOException e) {
      // Without a readable standard input, the deadline alone ends the loop.
    }
  }
}
