package dev.scope.server.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A bearer token kept in a file, as {@code serve --token-file} and the clients of such a server read it. */
public final class TokenFile {

    private TokenFile() {
    }

    /**
     * @param file the file: one token, one line without spaces (a final line end is fine)
     * @param name how the user named the file (an option such as {@code --token-file}), for the message
     * @return the token
     * @throws IllegalArgumentException when the file cannot be read or holds something else, in one
     *         line that names it and says what is expected
     */
    public static String read(Path file, String name) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " " + file + " cannot be read (" + (Files.exists(file)
                    ? "unreadable" : "no such file") + "); expected a file holding the token");
        }
        String token = text.strip();
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException(name + " " + file + " must hold one token: one line without spaces");
        }
        return token;
    }
}
