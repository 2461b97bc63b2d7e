package dev.scope.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

import dev.scope.server.ServeException;
import dev.scope.server.ServeOptions;

import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The https server's key: the PKCS12 keystore is opened and checked here, before Jetty sees it, so
 * that each way it can be wrong (missing, unreadable, not a keystore, a wrong password, no private
 * key) is one line naming it, not a failure of Jetty's start.
 */
final class TlsKeys {

    private TlsKeys() {
    }

    /**
     * @return Jetty's TLS context over the checked keystore
     * @throws ServeException BAD_KEYSTORE or KEYSTORE_PASSWORD
     */
    static SslContextFactory.Server contextFactory(ServeOptions.Tls tls) {
        KeyStore store = open(tls);
        requirePrivateKey(store, tls);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(store);
        ssl.setKeyStorePassword(tls.password());
        return ssl;
    }

    private static KeyStore open(ServeOptions.Tls tls) {
        try (InputStream in = Files.newInputStream(tls.keystore())) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, tls.password().toCharArray());
            return store;
        } catch (NoSuchFileException e) {
            throw bad(tls, "cannot be read (no such file)", e);
        } catch (AccessDeniedException e) {
            throw bad(tls, "cannot be read (permission denied)", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                // the JDK's PKCS12 store says so for a failed decryption or integrity check
                throw new ServeException(ServeException.Kind.KEYSTORE_PASSWORD, "the password does not open the keystore "
                        + tls.keystore() + "; expected the password it was made with", e);
            }
            throw bad(tls, Files.isDirectory(tls.keystore()) ? "is a folder" : "is not a PKCS12 keystore (or is damaged)",
                    e);
        } catch (GeneralSecurityException e) {
            throw bad(tls, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** The key must open with the keystore's password, as Jetty opens it (keytool gives PKCS12 keys that one). */
    private static void requirePrivateKey(KeyStore store, ServeOptions.Tls tls) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias) && store.getKey(alias, tls.password().toCharArray()) instanceof PrivateKey
                        && store.getCertificateChain(alias) != null) {
                    return;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new ServeException(ServeException.Kind.KEYSTORE_PASSWORD, "the key in the keystore " + tls.keystore()
                    + " does not open with the keystore's password; expected one password for both", e);
        } catch (GeneralSecurityException e) {
            throw bad(tls, "cannot be read: " + e.getMessage(), e);
        }
        throw bad(tls, "holds no private key with its certificate", null);
    }

    private static ServeException bad(ServeOptions.Tls tls, String what, Exception cause) {
        return new ServeException(ServeException.Kind.BAD_KEYSTORE, "the keystore " + tls.keystore() + " " + what
                + "; expected a PKCS12 file with the server's private key and certificate (keytool -genkeypair"
                + " -storetype PKCS12 makes one)", cause);
    }
}
