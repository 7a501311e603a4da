package dev.genaipitch.core.practice;

/**
 * The customer's question that opens (or reopens) a practice round.
 *
 * @param section the section practised
 * @param title the section's title, for headers
 * @param prompt what the customer asks, from the content
 * @param attempt 1 for a first answer, 2 after one "Try again", and so on
 */
public record PracticeQuestion(String section, String title, String prompt, int attempt) {}
