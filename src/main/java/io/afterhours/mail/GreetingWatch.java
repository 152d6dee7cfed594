package io.afterhours.mail;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The sockets of plain connections ({@code security = starttls} or {@code none}), which find out at
 * once when the port speaks TLS from the first byte (993, 465) instead of waiting the whole read
 * timeout for a greeting that never comes.
 *
 * <p>An IMAP or SMTP server greets first; an implicit-TLS server says nothing and waits for a
 * ClientHello. So when the greeting has not come after a short {@code patience}, a second
 * connection sends a ClientHello and reads one byte: a TLS record (handshake 0x16, alert 0x15)
 * means the port speaks TLS, and the connection fails with {@link ImplicitTlsException}. Anything
 * else (a late greeting, silence, a closed connection) proves nothing, and the first connection
 * goes on waiting for its greeting until the read timeout. The second connection carries no secret
 * and is closed after that byte.
 */
final class GreetingWatch extends SocketFactory {
  /** A server on a healthy network greets within milliseconds; a slow one still gets its time. */
  static final GreetingWatch DEFAULT = new GreetingWatch(2_000, 5_000);

  private static final int TLS_HANDSHAKE = 0x16;
  private static final int TLS_ALERT = 0x15;

  private final int patienceMillis;
  private final int probeMillis;

  /**
   * @param patienceMillis how long the greeting may take before the port is asked for TLS
   * @param probeMillis how long that question may take, connecting and answering
   */
  GreetingWatch(int patienceMillis, int probeMillis) {
    this.patienceMillis = patienceMillis;
    this.probeMillis = probeMillis;
  }

  @Override
  public Socket createSocket() {
    return new WatchedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(SocketAddress remote, SocketAddress local) throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }

  /** Whether {@code address} answers a TLS ClientHello with a TLS record. */
  boolean speaksTls(InetSocketAddress address) {
    try (Socket probe = new Socket()) {
      probe.connect(address, probeMillis);
      probe.setSoTimeout(probeMillis);
      OutputStream out = probe.getOutputStream();
      out.write(clientHello(address));
      out.flush();
      int first = probe.getInputStream().read();
      return first == TLS_HANDSHAKE || first == TLS_ALERT;
    } catch (IOException | GeneralSecurityException e) {
      return false;
    }
  }

  /** The first flight of a TLS client, as the JDK would send it to this host. */
  private static byte[] clientHello(InetSocketAddress address)
      throws GeneralSecurityException, IOException {
    SSLEngine engine =
        SSLContext.getDefault().createSSLEngine(address.getHostString(), address.getPort());
    engine.setUseClientMode(true);
    engine.beginHandshake();
    ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), hello);
    hello.flip();
    byte[] bytes = new byte[hello.remaining()];
    hello.get(bytes);
    return bytes;
  }

  /** A plain socket whose first read is the greeting, watched as above. */
  private final class WatchedSocket extends Socket {
    private InputStream watched;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (watched == null) {
        watched = new GreetingStream(super.getInputStream(), this);
      }
      return watched;
    }
  }

  private final class GreetingStream extends FilterInputStream {
    private final Socket socket;
    private boolean greeted;

    GreetingStream(InputStream in, Socket socket) {
      super(in);
      this.socket = socket;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (greeted) {
        return super.read(b, off, len);
      }
      int timeout = socket.getSoTimeout();
      if (timeout > 0 && timeout <= patienceMillis) {
        return greeting(b, off, len);
      }
      long start = System.nanoTime();
      try {
        socket.setSoTimeout(patienceMillis);
        return greeting(b, off, len);
      } catch (SocketTimeoutException quiet) {
        if (socket.getRemoteSocketAddress() instanceof InetSocketAddress remote
            && speaksTls(remote)) {
          throw new ImplicitTlsException(
              remote.getHostString() + ":" + remote.getPort(), elapsedMillis(start));
        }
        // Not TLS, or no telling: the rest of the read timeout is the server's.
        long left = timeout == 0 ? 0 : timeout - elapsedMillis(start);
        if (timeout > 0 && left <= 0) {
          throw quiet;
        }
        socket.setSoTimeout((int) left);
        return greeting(b, off, len);
      } finally {
        restore(timeout);
      }
    }

    private void restore(int timeout) {
      try {
        socket.setSoTimeout(timeout);
      } catch (IOException closed) {
        // The connection is closed: there is no timeout left to restore.
      }
    }

    private int greeting(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      greeted = true;
      return n;
    }
  }

  private static long elapsedMillis(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
