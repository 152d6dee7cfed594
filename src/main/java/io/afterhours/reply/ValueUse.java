package io.afterhours.reply;

/**
 * Where a template names one of the owner's values: {@code {{values.portfolio}}} on line 9 of
 * {@code after-hours.en.txt} is {@code ValueUse("portfolio", "…/after-hours.en.txt", 9)}.
 *
 * @param name the value's name, without {@code values.}
 * @param source the template file
 * @param line the line of the name's first appearance in that file
 */
record ValueUse(String name, String source, int line) {}
