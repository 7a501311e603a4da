package dev.genaipitch.core;

/** A section as menus and buttons show it: its stable id, short title and one-line summary. */
public record Topic(String id, String title, String summary) {}
