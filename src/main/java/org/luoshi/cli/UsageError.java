package org.luoshi.cli;

/** Wrong arguments: the message is printed and the process exits 2. */
final class UsageError extends RuntimeException {

    UsageError(String message) {
        super(message);
    }
}
