package io.jenkins.plugins.packer.function;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * PEM and Base64 decoding with the leniencies of Go's {@code encoding/pem} and {@code encoding/base64}, which
 * {@code rsadecrypt} relies on: text around the block is ignored, a malformed block is skipped for the next one, and
 * line breaks inside Base64 are allowed.
 */
final class CryptoPem {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "\n-----END ";
    private static final String DASHES = "-----";

    private CryptoPem() {
    }

    /** A decoded PEM block: the headers and the bytes. */
    record Block(String type, Map<String, String> headers, byte[] bytes) {
    }

    /**
     * Go's standard Base64 (padding required) after dropping carriage returns and line feeds, as Go's decoder does;
     * null when the text is not Base64.
     */
    static byte[] base64Std(String s) {
        String compact = s.replace("\r", "").replace("\n", "");
        if (compact.length() % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The first well-formed PEM block of the text, or null when there is none. */
    static Block decode(String data) {
        String rest;
        if (data.startsWith(BEGIN)) {
            rest = data.substring(BEGIN.length());
        } else {
            int i = data.indexOf("\n" + BEGIN);
            if (i < 0) {
                return null;
            }
            rest = data.substring(i + 1 + BEGIN.length());
        }
        String[] typeLine = line(rest);
        if (!typeLine[0].endsWith(DASHES)) {
            return decode(typeLine[1]);
        }
        String type = typeLine[0].substring(0, typeLine[0].length() - DASHES.length());
        rest = typeLine[1];
        Map<String, String> headers = new HashMap<>();
        while (true) {
            if (rest.isEmpty()) {
                return null;
            }
            String[] l = line(rest);
            int colon = l[0].indexOf(':');
            if (colon < 0) {
                break;
            }
            headers.put(l[0].substring(0, colon).strip(), l[0].substring(colon + 1).strip());
            rest = l[1];
        }
        int endIndex;
        int trailerIndex;
        if (headers.isEmpty() && rest.startsWith(END.substring(1))) {
            endIndex = 0;
            trailerIndex = END.length() - 1;
        } else {
            endIndex = rest.indexOf(END);
            trailerIndex = endIndex + END.length();
        }
        if (endIndex < 0) {
            return decode(rest);
        }
        String trailer = rest.substring(trailerIndex);
        int trailerLength = type.length() + DASHES.length();
        if (trailer.length() < trailerLength || !trailer.startsWith(type + DASHES)
                || !line(trailer.substring(trailerLength))[0].isEmpty()) {
            return decode(rest);
        }
        byte[] bytes = base64Std(rest.substring(0, endIndex).replace(" ", "").replace("\t", ""));
        if (bytes == null) {
            return decode(rest);
        }
        return new Block(type, headers, bytes);
    }

    /** Go's pem getLine: the first line without its end of line and trailing blanks, and the text after it. */
    private static String[] line(String data) {
        int i = data.indexOf('\n');
        int next;
        if (i < 0) {
            i = data.length();
            next = i;
        } else {
            next = i + 1;
            if (i > 0 && data.charAt(i - 1) == '\r') {
                i--;
            }
        }
        String line = data.substring(0, i).replaceAll("[ \t]+$", "");
        return new String[] {line, data.substring(next)};
    }
}
