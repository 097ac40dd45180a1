package io.jenkins.plugins.packer.communicator.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystem;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.List;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.file.util.MockFileSystem;
import org.apache.sshd.common.file.util.MockPath;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.scp.client.DefaultScpClient;
import org.apache.sshd.scp.client.DefaultScpStreamResolver;
import org.apache.sshd.scp.client.ScpClient;
import org.apache.sshd.scp.common.ScpException;
import org.apache.sshd.scp.common.ScpFileOpener;
import org.apache.sshd.scp.common.ScpHelper;
import org.apache.sshd.scp.common.ScpTransferEventListener;
import org.apache.sshd.scp.common.helpers.DefaultScpFileOpener;
import org.apache.sshd.scp.common.helpers.ScpAckInfo;
import org.apache.sshd.scp.common.helpers.ScpTimestampCommandDetails;

/**
 * An scp client that fails on every status the remote scp reports, as Packer's does. OpenSSH's {@code scp -t}
 * answers a file it cannot open or write with a status 1 ("scp: /tmp/script.sh: Permission denied") and exits 1;
 * MINA's client takes status 1 and exit code 1 for warnings and carries on, so an upload over a file the login user
 * may not replace would look done and the old file would run.
 */
final class StrictScpClient extends DefaultScpClient {

    StrictScpClient(ClientSession session) {
        super(session, DefaultScpFileOpener.INSTANCE, ScpTransferEventListener.EMPTY);
    }

    /** The scp protocol as MINA speaks it, with the remote side's warnings taken as errors. */
    private static final class StrictHelper extends ScpHelper {
        StrictHelper(Session session, InputStream in, OutputStream out, FileSystem fs, ScpFileOpener opener,
                ScpTransferEventListener listener) {
            super(session, in, out, fs, opener, listener);
        }

        @Override
        protected void validateCommandStatusCode(String command, Object location, ScpAckInfo ack,
                boolean eofAllowed) throws IOException {
            super.validateCommandStatusCode(command, location, ack, eofAllowed);
            if (ack != null && ack.getStatusCode() == ScpAckInfo.WARNING) {
                throw new ScpException(ack.getLine(), ScpAckInfo.WARNING);
            }
        }
    }

    @FunctionalInterface
    private interface Transfer {
        void run(ScpHelper helper) throws IOException;
    }

    private void transfer(String command, FileSystem fs, Transfer transfer) throws IOException {
        ClientSession session = getClientSession();
        ChannelExec channel = openCommandChannel(session, command);
        try {
            try (InputStream in = channel.getInvertedOut(); OutputStream out = channel.getInvertedIn()) {
                transfer.run(new StrictHelper(session, in, out, fs, opener, listener));
            }
            handleCommandExitStatus(command, channel);
        } finally {
            channel.close(false);
        }
    }

    @Override
    protected void handleCommandExitStatus(String command, Integer status) throws IOException {
        if (status != null && status != 0) {
            throw new ScpException("scp exited with status " + status, status);
        }
    }

    @Override
    public void upload(InputStream data, String remote, long size, Collection<PosixFilePermission> perms,
            ScpTimestampCommandDetails time) throws IOException {
        String name = remote.substring(remote.lastIndexOf('/') + 1);
        String command = ScpClient.createSendCommand(remote,
                time == null ? List.of() : List.of(ScpClient.Option.PreserveAttributes));
        transfer(command, new MockFileSystem(remote), helper -> {
            helper.readAndValidateOperationAck(command, remote);
            helper.sendStream(new DefaultScpStreamResolver(name, new MockPath(remote), perms, time, size, data,
                    command), time != null, ScpHelper.DEFAULT_SEND_BUFFER_SIZE);
        });
    }

    @Override
    protected <T> void runUpload(String remote, Collection<Option> options, Collection<T> local,
            ScpOperationExecutor<T> executor) throws IOException {
        Collection<Option> all = local.size() > 1 ? addTargetIsDirectory(options) : options;
        String command = ScpClient.createSendCommand(remote, all);
        ClientSession session = getClientSession();
        try (FileSystem fs = session.getFactoryManager().getFileSystemFactory().createFileSystem(session)) {
            transfer(command, fs, helper -> executor.execute(helper, local, all));
        } catch (UnsupportedOperationException e) {
            // The default file system cannot be closed; nothing was left open.
        }
    }

    @Override
    public void download(String remote, OutputStream local) throws IOException {
        String command = ScpClient.createReceiveCommand(remote, List.of());
        transfer(command, new MockFileSystem(remote),
                helper -> helper.receiveFileStream(command, local, ScpHelper.DEFAULT_RECEIVE_BUFFER_SIZE));
    }

    @Override
    protected void download(String remote, FileSystem fs, Path local, Collection<Option> options)
            throws IOException {
        String command = ScpClient.createReceiveCommand(remote, options);
        transfer(command, fs, helper -> helper.receive(command, local,
                options.contains(Option.Recursive), options.contains(Option.TargetIsDirectory),
                options.contains(Option.PreserveAttributes), ScpHelper.DEFAULT_RECEIVE_BUFFER_SIZE));
    }
}
