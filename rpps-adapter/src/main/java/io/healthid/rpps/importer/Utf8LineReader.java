package io.healthid.rpps.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Splits a byte stream into lines without decoding it into Strings (the bulk of the file goes to COPY as bytes), and
 * checks each line is strict UTF-8. Splitting on the byte {@code \n} is safe because UTF-8 never uses 0x0A inside a
 * multi-byte sequence. Memory is bounded: one buffer, and lines longer than {@code maxLineLength} are skipped and
 * flagged instead of grown into.
 */
final class Utf8LineReader {

    private final InputStream in;
    private final MessageDigest digest;
    private final int maxLineLength;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer scratch;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private long lineNumber;
    private int lineStart;
    private int lineEnd;
    private boolean tooLong;

    Utf8LineReader(InputStream in, MessageDigest digest, int maxLineLength) {
        this.in = in;
        this.digest = digest;
        this.maxLineLength = maxLineLength;
        this.buf = new byte[Math.max(1 << 20, maxLineLength * 2)];
        this.scratch = CharBuffer.allocate(maxLineLength);
    }

    /** Advances to the next line; false at end of input. */
    boolean next() throws IOException {
        tooLong = false;
        int searchFrom = pos;
        while (true) {
            int nl = indexOfNewline(searchFrom);
            if (nl >= 0) {
                setLine(pos, nl);
                pos = nl + 1;
                return true;
            }
            if (limit - pos > maxLineLength) {
                skipRestOfLongLine();
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            searchFrom = limit - pos;
            compactAndFill();
            searchFrom = pos + searchFrom;
        }
    }

    private void setLine(int start, int end) {
        if (end > start && buf[end - 1] == '\r') {
            end--;
        }
        lineStart = start;
        lineEnd = end;
        lineNumber++;
    }

    private void skipRestOfLongLine() throws IOException {
        lineNumber++;
        tooLong = true;
        lineStart = 0;
        lineEnd = 0;
        pos = limit;
        while (true) {
            if (pos >= limit) {
                if (eof) {
                    return;
                }
                pos = 0;
                limit = 0;
                fill();
                continue;
            }
            int nl = indexOfNewline(pos);
            if (nl >= 0) {
                pos = nl + 1;
                return;
            }
            pos = limit;
        }
    }

    private int indexOfNewline(int from) {
        byte[] b = buf;
        for (int i = from; i < limit; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void compactAndFill() throws IOException {
        int remaining = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, remaining);
        }
        pos = 0;
        limit = remaining;
        fill();
    }

    private void fill() throws IOException {
        while (limit < buf.length && !eof) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                eof = true;
            } else {
                if (digest != null) {
                    digest.update(buf, limit, n);
                }
                limit += n;
                if (n > 0) {
                    return;
                }
            }
        }
    }

    long lineNumber() {
        return lineNumber;
    }

    /** The current line was longer than the limit; its content is not available. */
    boolean tooLong() {
        return tooLong;
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return lineStart;
    }

    int end() {
        return lineEnd;
    }

    /**
     * Offset in the line of the first byte that is not valid UTF-8, or -1 when the whole line is valid. Uses the JDK
     * decoder with {@link CodingErrorAction#REPORT} (fast path for ASCII inside the JDK).
     */
    int firstMalformedOffset() {
        decoder.reset();
        scratch.clear();
        ByteBuffer bytes = ByteBuffer.wrap(buf, lineStart, lineEnd - lineStart);
        CoderResult result = decoder.decode(bytes, scratch, true);
        if (result.isError()) {
            return bytes.position() - lineStart;
        }
        return -1;
    }

    /** The current line as a String; throws if it is not strict UTF-8. */
    String decodeLine() throws CharacterCodingException {
        decoder.reset();
        return decoder.decode(ByteBuffer.wrap(buf, lineStart, lineEnd - lineStart)).toString();
    }
}
