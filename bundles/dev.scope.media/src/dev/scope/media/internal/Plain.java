package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** What a failed file operation means, in plain words: no exception class names. */
final class Plain {

    private Plain() {
    }

    /**
     * @param e a failure of a file operation on {@code target}
     * @param target the path the operation was about
     * @return e.g. "no such file or directory", "permission denied", "read-only file system", and,
     *         when the failure is about another path (a parent), "/a is not a directory"
     */
    static String reason(IOException e, Path target) {
        String what = switch (e) {
            case NoSuchFileException x -> "no such file or directory";
            case AccessDeniedException x -> "permission denied";
            case NotDirectoryException x -> "not a directory";
            case FileAlreadyExistsException x -> "a file is in the way";
            case DirectoryNotEmptyException x -> "the directory is not empty";
            case FileSystemLoopException x -> "a loop of symbolic links";
            case FileSystemException x when x.getReason() != null -> lowerFirst(x.getReason());
            default -> plainMessage(e);
        };
        if (e instanceof FileSystemException f && f.getFile() != null && target != null
                && !Objects.equals(Path.of(f.getFile()).toAbsolutePath(), target.toAbsolutePath())) {
            return f.getFile() + ": " + what;
        }
        return what;
    }

    /** @return the message without a leading exception class name, or a generic phrase */
    private static String plainMessage(IOException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "input/output error";
        }
        // a wrapped cause's toString: "java.nio.file.NoSuchFileException: /x"
        message = message.replaceAll("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ?", "");
        return lowerFirst(message.strip());
    }

    private static String lowerFirst(String s) {
        if (s.length() > 1 && Character.isUpperCase(s.charAt(0)) && !Character.isUpperCase(s.charAt(1))) {
            return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
        }
        return s;
    }
}
