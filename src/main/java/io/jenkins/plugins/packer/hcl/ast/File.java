package io.jenkins.plugins.packer.hcl.ast;

/** A parsed configuration file: its body and its original bytes (diagnostics quote source lines from them). */
public record File(String filename, Body body, byte[] bytes) {}
