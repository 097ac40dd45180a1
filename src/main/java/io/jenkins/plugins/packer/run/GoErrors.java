package io.jenkins.plugins.packer.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** File errors as Go's {@code *PathError} prints them: {@code open x: no such file or directory}. */
public final class GoErrors {

    private GoErrors() {
    }

    public static String path(String op, String path, IOException e) {
        String why;
        if (e instanceof NoSuchFileException) {
            why = "no such file or directory";
        } else if (e instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            why = "file exists";
        } else if (e instanceof NotDirectoryException) {
            why = "not a directory";
        } else {
            why = e.getMessage();
        }
        return op + " " + path + ": " + why;
    }
}
