package io.afterhours;

/** Entry point of the afterhours command line. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(0);
  }
}
