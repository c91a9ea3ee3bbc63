package example.shapes;

/** Loops, but none over a primitive array: the agent must leave the class alone. */
public final class NoArrayLoops {

  public static int triangle(int n) {
    int total = 0;
    for (int i = 0; i < n; i++) {
      total += i;
    }
    return total;
  }

  private NoArrayLoops() {
  }
}
