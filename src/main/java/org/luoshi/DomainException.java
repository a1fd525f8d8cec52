package org.luoshi;

import java.util.Arrays;

/**
 * A refusal by the domain, with a message code for translation and the Chinese text as default. The
 * web layer turns the kind into a status: invalid 400, forbidden 403, not found 404, conflict 409,
 * too many 429.
 */
public class DomainException extends RuntimeException {

    /** Each kind with the HTTP status that answers it. */
    public enum Kind {
        INVALID(400),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        TOO_MANY(429);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final transient Object[] args;

    protected DomainException(Kind kind, String code, String field, String defaultMessage, Object... args) {
        super(java.text.MessageFormat.format(defaultMessage, args));
        this.kind = kind;
        this.code = code;
        this.field = field;
        this.args = args.clone();
    }

    public static DomainException invalid(String code, String field, String message, Object... args) {
        return new DomainException(Kind.INVALID, code, field, message, args);
    }

    public static DomainException forbidden(String code, String message, Object... args) {
        return new DomainException(Kind.FORBIDDEN, code, null, message, args);
    }

    /** Also used when the thing exists but lies outside the caller's scope: nothing leaks. */
    public static DomainException notFound(String code, String message, Object... args) {
        return new DomainException(Kind.NOT_FOUND, code, null, message, args);
    }

    /**
     * A refusal of access rather than of the request's content: pages answer it with its status
     * instead of a notice on the form, since only a forged or stale request gets one.
     */
    public boolean refusesAccess() {
        return kind == Kind.NOT_FOUND || kind == Kind.FORBIDDEN;
    }

    public static DomainException conflict(String code, String message, Object... args) {
        return new DomainException(Kind.CONFLICT, code, null, message, args);
    }

    /** Too many requests from one address or person within a while. */
    public static DomainException tooMany(String code, String message, Object... args) {
        return new DomainException(Kind.TOO_MANY, code, null, message, args);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The form field the refusal is about, or null. */
    public String field() {
        return field;
    }

    /** The untranslated pattern is the Chinese message; translations are looked up by {@link #code()}. */
    public Object[] args() {
        return Arrays.copyOf(args, args.length);
    }
}
