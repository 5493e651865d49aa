import Crypto
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one chunked upload session: a single file the size of the upload, each verified chunk written in place
/// at its offset, and the whole-file SHA-256 advanced, off the request path, as soon as the stored chunks form an
/// unbroken run from the start.
///
/// Completing a session therefore neither copies the chunks into a new file nor (nearly ever) reads the whole upload again
/// to hash it: the digest is known, and the data file is renamed into the file store. A chunk sent again with the same
/// bytes changes nothing; one sent again with other bytes after it was hashed makes the digest be computed afresh.
final class UploadDataFile: Sendable {
    fileprivate struct State {
        var hasher = SHA256()
        /// The first chunk not yet in `hasher`.
        var nextToHash = 0
        /// Whether a digest worker holds the hasher (it runs outside the lock, so chunk writes never wait for hashing).
        var hashing = false
        /// Bumped when a hashed chunk is overwritten with other bytes: the worker's result is then discarded.
        var generation = 0
        /// The SHA-256 of every stored chunk.
        var chunkDigests: [Int: String] = [:]
        /// Completions waiting for the worker to stop.
        var waiters: [CheckedContinuation<Void, Never>] = []
        var isClosed = false
    }

    let path: String
    let fileSize: Int
    let chunkSize: Int
    private let descriptor: Int32
    private let state = Mutex(State())

    private var totalChunks: Int { max(1, (fileSize + chunkSize - 1) / chunkSize) }

    /// Creates the data file at `path`, `fileSize` bytes long.
    init(path: String, fileSize: Int, chunkSize: Int) throws(PosixFile.Failure) {
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw PosixFile.Failure(operation: "create", path: path, code: errno) }
        guard ftruncate(fd, off_t(fileSize)) == 0 else {
            let code = errno
            _ = closeDescriptor(fd)
            throw PosixFile.Failure(operation: "truncate", path: path, code: code)
        }
        self.path = path
        self.fileSize = fileSize
        self.chunkSize = chunkSize
        self.descriptor = fd
    }

    deinit {
        state.withLock { state in
            if !state.isClosed { _ = closeDescriptor(descriptor) }
        }
    }

    /// Writes chunk `number`, whose bytes were verified against `digest`, and wakes the digest worker when the chunk
    /// extends the run it can hash.
    func write(chunk number: Int, bytes: [UInt8], digest: String) throws(PosixFile.Failure) {
        // Writes of one session are serialised, so a chunk is never half overwritten by a concurrent resend.
        let startWorker = try state.withLock { (state: inout State) throws(PosixFile.Failure) -> Bool in
            // Closed means completed or aborted; the descriptor's number may already belong to another file.
            guard !state.isClosed else { throw PosixFile.Failure(operation: "write", path: path, code: EBADF) }
            if let stored = state.chunkDigests[number] {
                if stored == digest { return false }
                if number < state.nextToHash || state.hashing {
                    // Already hashed (or being hashed) with the old bytes: start the digest again.
                    state.hasher = SHA256()
                    state.nextToHash = 0
                    state.generation += 1
                }
            }
            try writeAll(bytes, at: number * chunkSize)
            state.chunkDigests[number] = digest
            return claimWork(&state)
        }
        // On a Dispatch thread: hashing a chunk blocks for milliseconds, which must not hold up Swift's cooperative threads.
        if startWorker { DispatchQueue.global().async { self.hashWhatIsReady() } }
    }

    /// The whole-file SHA-256 once every chunk is stored: waits for the digest worker, then hashes what it has not.
    func finalDigest() async throws(PosixFile.Failure) -> String {
        while true {
            await untilNoWorker()
            if let (number, hasher, generation) = state.withLock({ state in claimWork(&state) ? state.claimed : nil }) {
                defer { state.withLock { $0.hashing = false } }
                try hash(chunk: number, into: hasher, generation: generation)
                continue
            }
            let finished = state.withLock { state in
                !state.hashing && (state.nextToHash == totalChunks || state.chunkDigests[state.nextToHash] == nil)
            }
            if finished { break }
        }
        return try state.withLock { (state: inout State) throws(PosixFile.Failure) -> String in
            guard !state.isClosed else { throw PosixFile.Failure(operation: "read", path: path, code: EBADF) }
            guard state.nextToHash == totalChunks else { throw PosixFile.Failure(operation: "read", path: path, code: EIO) }
            return Digest.hex(state.hasher.finalize())
        }
    }

    /// Returns once no digest worker runs.
    private func untilNoWorker() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state in
                if state.hashing { state.waiters.append(continuation) }
                return !state.hashing
            }
            if idle { continuation.resume() }
        }
    }

    /// Closes the file so it can be renamed or removed.
    func close() {
        state.withLock { state in
            guard !state.isClosed else { return }
            state.isClosed = true
            _ = closeDescriptor(descriptor)
        }
    }

    // MARK: - The digest worker

    /// Takes the hasher when the next chunk to hash is stored and nobody else holds it.
    private func claimWork(_ state: inout State) -> Bool {
        guard !state.hashing, !state.isClosed, state.nextToHash < totalChunks, state.chunkDigests[state.nextToHash] != nil
        else { return false }
        state.hashing = true
        return true
    }

    /// Hashes stored chunks in order until one is missing, then lets the hasher go.
    private func hashWhatIsReady() {
        var claimed = state.withLock { $0.claimed }
        while let (number, hasher, generation) = claimed {
            do {
                try hash(chunk: number, into: hasher, generation: generation)
            } catch {
                break  // the file was closed under us (aborted); nothing to finish
            }
            claimed = state.withLock { state in
                state.hashing = false
                return claimWork(&state) ? state.claimed : nil
            }
        }
        let waiters = state.withLock { state in
            state.hashing = false
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Reads chunk `number` back and adds it to `hasher`; stores the result unless a rewrite restarted the digest.
    private func hash(chunk number: Int, into hasher: SHA256, generation: Int) throws(PosixFile.Failure) {
        var hasher = hasher
        let offset = number * chunkSize
        var buffer = [UInt8](repeating: 0, count: min(chunkSize, fileSize - offset))
        try readAll(into: &buffer, at: offset)
        hasher.update(data: buffer)
        state.withLock { state in
            guard state.generation == generation, state.nextToHash == number else { return }
            state.hasher = hasher
            state.nextToHash += 1
        }
    }

    private func writeAll(_ bytes: [UInt8], at offset: Int) throws(PosixFile.Failure) {
        let code: Int32? = bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let written = pwrite(descriptor, raw.baseAddress.map { $0 + done }, raw.count - done, off_t(offset + done))
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return errno }
                done += written
            }
            return nil
        }
        if let code { throw PosixFile.Failure(operation: "write", path: path, code: code) }
    }

    private func readAll(into buffer: inout [UInt8], at offset: Int) throws(PosixFile.Failure) {
        let count = buffer.count
        let code: Int32? = buffer.withUnsafeMutableBytes { raw in
            var done = 0
            while done < count {
                let got = pread(descriptor, raw.baseAddress.map { $0 + done }, count - done, off_t(offset + done))
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return got == 0 ? EIO : errno }
                done += got
            }
            return nil
        }
        if let code { throw PosixFile.Failure(operation: "read", path: path, code: code) }
    }
}

extension UploadDataFile.State {
    /// What a claimed worker starts from: the next chunk, the hasher so far, and the digest's generation.
    fileprivate var claimed: (Int, SHA256, Int)? {
        hashing ? (nextToHash, hasher, generation) : nil
    }
}

private func closeDescriptor(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(descriptor)
    #elseif canImport(Musl)
    Musl.close(descriptor)
    #else
    Darwin.close(descriptor)
    #endif
}
