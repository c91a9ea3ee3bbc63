package dev.hotloop.agent.registry;

import java.util.List;

import dev.hotloop.config.MethodSettings;

import org.objectweb.asm.Type;

/**
 * A method with loops over primitive arrays: its settings from the config, its id in the runtime
 * counters (or -1 when no loop of it has a plan) and its loops, in the analyzer's order.
 */
public final class MethodRecord {

  private final int id;
  private final ClassRecord owner;
  private final String name;
  private final String descriptor;
  private final MethodSettings settings;
  private final List<LoopRecord> loops;

  MethodRecord(int id, ClassRecord owner, String name, String descriptor,
      MethodSettings settings, List<LoopRecord> loops) {
    this.id = id;
    this.owner = owner;
    this.name = name;
    this.descriptor = descriptor;
    this.settings = settings;
    this.loops = List.copyOf(loops);
  }

  public int id() {
    return id;
  }

  public ClassRecord owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  public String descriptor() {
    return descriptor;
  }

  public MethodSettings settings() {
    return settings;
  }

  public List<LoopRecord> loops() {
    return loops;
  }

  /** Whether some loop has a plan, so the method is rewritten at all. */
  public boolean isProfiled() {
    return id >= 0;
  }

  /** {@code com.example.Stats.sumArray(long[])}, for people. */
  public String displayName() {
    StringBuilder sb = new StringBuilder(owner.binaryName()).append('.').append(name).append('(');
    Type[] args = Type.getArgumentTypes(descriptor);
    for (int i = 0; i < args.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(args[i].getClassName().replaceFirst("^java\\.lang\\.", ""));
    }
    return sb.append(')').toString();
  }
}
