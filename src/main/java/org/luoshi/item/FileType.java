package org.luoshi.item;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The allow-list of evidence types: PDF, images and Office documents. A file must both be named as
 * one of these and begin with that format's signature, so a renamed executable is refused. Other
 * parts that take files in (citizens' attachments, assessment evidence) use the same list.
 */
public enum FileType {
    PDF("application/pdf", sig(0x25, 0x50, 0x44, 0x46), "pdf"),
    PNG("image/png", sig(0x89, 0x50, 0x4E, 0x47), "png"),
    JPEG("image/jpeg", sig(0xFF, 0xD8, 0xFF), "jpg", "jpeg"),
    GIF("image/gif", sig(0x47, 0x49, 0x46, 0x38), "gif"),
    OOXML("application/octet-stream", sig(0x50, 0x4B, 0x03, 0x04), "docx", "xlsx", "pptx"),
    OLE("application/octet-stream", sig(0xD0, 0xCF, 0x11, 0xE0), "doc", "xls", "ppt", "wps", "et");

    private final String contentType;
    private final byte[] signature;
    private final String[] extensions;

    FileType(String contentType, byte[] signature, String... extensions) {
        this.contentType = contentType;
        this.signature = signature;
        this.extensions = extensions;
    }

    public static Optional<FileType> of(String fileName, byte[] head) {
        String ext = extension(fileName);
        return Arrays.stream(values())
                .filter(t -> Arrays.asList(t.extensions).contains(ext))
                .filter(t -> startsWith(head, t.signature))
                .findFirst();
    }

    /** What the browser is told: Office types by their registered names. */
    public String contentTypeFor(String fileName) {
        return switch (extension(fileName)) {
            case "docx" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            case "xlsx" -> "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            case "pptx" -> "application/vnd.openxmlformats-officedocument.presentationml.presentation";
            case "doc", "wps" -> "application/msword";
            case "xls", "et" -> "application/vnd.ms-excel";
            case "ppt" -> "application/vnd.ms-powerpoint";
            default -> contentType;
        };
    }

    public static String allowed() {
        return "pdf、jpg、png、gif、doc、docx、xls、xlsx、ppt、pptx、wps、et";
    }

    public static String extension(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] head, byte[] signature) {
        if (head.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] sig(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }
}
