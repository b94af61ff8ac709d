package org.entsupport.notify.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny SMTP server on loopback whose replies the test chooses, to provoke the refusals GreenMail
 * does not produce (550 for a recipient, 451, 535 on AUTH, silence).
 */
final class ScriptedSmtpServer implements AutoCloseable {

    volatile String greeting = "220 scripted ESMTP";
    volatile String authReply = "235 2.7.0 Authentication successful";
    volatile String mailReply = "250 2.1.0 OK";
    volatile String rcptReply = "250 2.1.5 OK";
    volatile String dataReply = "250 2.0.0 Queued";
    final List<String> commands = new CopyOnWriteArrayList<>();

    private final ServerSocket socket;
    private final Thread acceptor;

    ScriptedSmtpServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "scripted-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread t = new Thread(() -> serve(s), "scripted-smtp-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream()) {
            if (greeting == null) {
                // Say nothing: the client must time out.
                in.readLine();
                return;
            }
            reply(out, greeting);
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO" -> reply(out, "250-scripted\r\n250-AUTH PLAIN\r\n250 8BITMIME");
                    case "HELO" -> reply(out, "250 scripted");
                    case "AUTH" -> {
                        if (line.trim().equalsIgnoreCase("AUTH PLAIN")) {
                            reply(out, "334 ");
                            commands.add(in.readLine());
                        }
                        reply(out, authReply);
                    }
                    case "MAIL" -> reply(out, mailReply);
                    case "RCPT" -> reply(out, rcptReply);
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        String data;
                        while ((data = in.readLine()) != null && !data.equals(".")) {
                            // swallow the message
                        }
                        reply(out, dataReply);
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
