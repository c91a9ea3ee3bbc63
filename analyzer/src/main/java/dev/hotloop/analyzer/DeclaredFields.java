package dev.hotloop.analyzer;

import java.util.HashMap;
import java.util.Map;

import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * The fields a class declares, with their access flags: what the analyzer knows of fields
 * without loading any class. A loop may read a field only where it is known not to be
 * volatile, which for a field of another class (or one inherited) it is not.
 */
public final class DeclaredFields {

  private final String owner;
  private final Map<String, Integer> access = new HashMap<>();

  private DeclaredFields(String owner) {
    this.owner = owner;
  }

  /** No fields known: every field read rejects its loop. */
  public static DeclaredFields none(String owner) {
    return new DeclaredFields(owner);
  }

  /** The fields {@code node} declares. */
  public static DeclaredFields of(ClassNode node) {
    DeclaredFields fields = new DeclaredFields(node.name);
    for (FieldNode f : node.fields) {
      fields.declare(f.access, f.name, f.desc);
    }
    return fields;
  }

  /** Records a field of the class, as a class visitor sees it. */
  public void declare(int access, String name, String descriptor) {
    this.access.put(name + ":" + descriptor, access);
  }

  /** The internal name of the class. */
  public String owner() {
    return owner;
  }

  /** The access flags of the field, or null when the class does not declare it. */
  Integer access(String fieldOwner, String name, String descriptor) {
    return fieldOwner.equals(owner) ? access.get(name + ":" + descriptor) : null;
  }
}
