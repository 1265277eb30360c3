package com.wedsync.ml.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Generated passwords and tokens, and the SHA-256 under which a token is stored. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The prefix of every API token, so a leaked one is recognisable (e.g. by a secret scanner). */
    public static final String TOKEN_PREFIX = "wst_";

    private Secrets() {
    }

    /** A password of 24 URL-safe characters (144 random bits). */
    public static String password() {
        return random(18);
    }

    /** An API token: {@value #TOKEN_PREFIX} and 43 URL-safe characters (256 random bits). */
    public static String token() {
        return TOKEN_PREFIX + random(32);
    }

    /** The hex SHA-256 of a token's text: what is stored and looked up. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
