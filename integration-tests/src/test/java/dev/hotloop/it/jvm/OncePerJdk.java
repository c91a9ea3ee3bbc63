package dev.hotloop.it.jvm;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Something made once per JDK and shared by the tests of one class, typically a child JVM run
 * that several tests assert different facts about: each test then names one fact, and a run
 * costs its seconds once.
 */
public final class OncePerJdk<T> {

  private final Function<Jdk, T> make;
  private final Map<Jdk, T> made = new HashMap<>();

  public OncePerJdk(Function<Jdk, T> make) {
    this.make = make;
  }

  /** The value for {@code jdk}, made on first use. */
  public synchronized T get(Jdk jdk) {
    T value = made.get(jdk);
    if (value == null) {
      value = make.apply(jdk);
      made.put(jdk, value);
    }
    return value;
  }
}
