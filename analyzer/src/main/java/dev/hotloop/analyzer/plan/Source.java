package dev.hotloop.analyzer.plan;

/**
 * Where a value the loop reads but never changes comes from: a local, a field, or an element of
 * an array of arrays (a row of a {@code double[][]}). The preheader reads it once; where that
 * read could throw (a null object, an index out of range), guards send the call to the original
 * loop, which then throws as it always did.
 */
public sealed interface Source {

  /** A local variable (a parameter, or a local set before the loop). */
  record Local(int slot) implements Source {
    @Override
    public String toString() {
      return "v" + slot;
    }
  }

  /**
   * A field that the class being transformed declares, neither volatile nor written in the loop:
   * of {@code object}, or static when {@code object} is null.
   */
  record Field(Source object, String owner, String name, String descriptor) implements Source {
    @Override
    public String toString() {
      return (object == null ? owner.substring(owner.lastIndexOf('/') + 1) : object.toString())
          + "." + name;
    }
  }

  /** {@code array[index]} of an array of arrays, at an {@code int} the loop does not change. */
  record Row(Source array, Source index) implements Source {
    @Override
    public String toString() {
      return array + "[" + index + "]";
    }
  }
}
