package dev.hotloop.agent.registry;

/**
 * A class the agent left exactly as it was given, not for its loops but because the class file
 * could not be read or rewritten (the JVM then usually refuses it too): the report lists it
 * with the reason.
 *
 * @param binaryName the name the class was defined under, {@code com.example.Stats}
 * @param reason what was wrong, for people
 */
public record SkippedClass(String binaryName, String reason) {
}
