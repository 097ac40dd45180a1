# Sourced by the bench scripts: starts a throwaway OpenSSH sshd on 127.0.0.1 on a free port, with its host key and
# config in $scratch, the authorized-keys lines given as "$@" (sshd_config lines), and sets ssh_port and sshd_pid.
# The caller stops it (kill "$sshd_pid").
start_sshd() {
  mkdir -p /run/sshd
  ssh_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  ssh-keygen -q -t ed25519 -N '' -f "$scratch/host_ed25519"
  {
    printf 'Port %s\nListenAddress 127.0.0.1\nHostKey %s\nPidFile %s\n' "$ssh_port" "$scratch/host_ed25519" \
      "$scratch/sshd.pid"
    printf '%s\n' "$@"
    printf 'UsePAM no\nStrictModes no\nPermitRootLogin yes\nSubsystem sftp internal-sftp\n'
  } > "$scratch/sshd_config"
  /usr/sbin/sshd -D -e -f "$scratch/sshd_config" 2> "$scratch/sshd.log" &
  sshd_pid=$!
  sleep 1
}
