package dev.hotloop.codegen.body;

/** A method that codegen cannot rewrite; the agent leaves it as it is and reports why. */
public final class CodegenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CodegenException(String message) {
    super(message);
  }
}
