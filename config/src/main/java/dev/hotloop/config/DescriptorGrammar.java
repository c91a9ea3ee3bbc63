package dev.hotloop.config;

/**
 * The grammar of JVM method descriptors (JVMS 4.3.3), checked strictly so that a pattern with
 * a descriptor that can never equal a real one is reported instead of silently matching nothing.
 */
final class DescriptorGrammar {

  /** The most array dimensions a field type may have (JVMS 4.3.2). */
  private static final int MAX_DIMENSIONS = 255;

  private DescriptorGrammar() {
  }

  /** Whether {@code descriptor} is a well-formed method descriptor such as {@code ([J)J}. */
  static boolean isValid(String descriptor) {
    if (descriptor.isEmpty() || descriptor.charAt(0) != '(') {
      return false;
    }
    int i = 1;
    while (i < descriptor.length() && descriptor.charAt(i) != ')') {
      i = endOfFieldType(descriptor, i);
      if (i < 0) {
        return false;
      }
    }
    if (i == descriptor.length()) {
      return false;
    }
    i++;
    if (i < descriptor.length() && descriptor.charAt(i) == 'V') {
      return i + 1 == descriptor.length();
    }
    return endOfFieldType(descriptor, i) == descriptor.length();
  }

  /** The index just past the field type starting at {@code from}, or -1 if there is none. */
  private static int endOfFieldType(String descriptor, int from) {
    int i = from;
    while (i < descriptor.length() && descriptor.charAt(i) == '[') {
      i++;
    }
    if (i - from > MAX_DIMENSIONS || i == descriptor.length()) {
      return -1;
    }
    switch (descriptor.charAt(i)) {
      case 'B': case 'C': case 'D': case 'F': case 'I': case 'J': case 'S': case 'Z':
        return i + 1;
      case 'L':
        int end = descriptor.indexOf(';', i);
        return end >= 0 && isInternalClassName(descriptor, i + 1, end) ? end + 1 : -1;
      default:
        return -1;
    }
  }

  /** Whether descriptor[from, to) is a class name in internal form, like {@code java/lang/String}. */
  private static boolean isInternalClassName(String descriptor, int from, int to) {
    if (from == to) {
      return false;
    }
    boolean segmentStart = true;
    for (int i = from; i < to; i++) {
      char c = descriptor.charAt(i);
      if (c == '/') {
        if (segmentStart) {
          return false;
        }
        segmentStart = true;
      } else if (c == '.' || c == '[') {
        // JVMS 4.2.2: unqualified names exclude '.', ';', '[' and '/'; ';' ended the name.
        return false;
      } else {
        segmentStart = false;
      }
    }
    return !segmentStart;
  }
}
