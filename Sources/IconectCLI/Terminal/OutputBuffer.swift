/// Collects output in memory up to a threshold and writes it in large blocks: one `write(2)` per 64 KiB instead of one
/// per record. Used by one task at a time.
struct OutputBuffer {
    let stream: ConsoleStream
    private var bytes: [UInt8] = []
    private let threshold = 64 * 1024

    init(stream: ConsoleStream) {
        self.stream = stream
        bytes.reserveCapacity(threshold + 4096)
    }

    /// Appends `text`, writing the buffer when it is full.
    mutating func append(_ text: String) throws {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= threshold { try flush() }
    }

    /// Writes what is buffered.
    mutating func flush() throws {
        guard !bytes.isEmpty else { return }
        defer { bytes.removeAll(keepingCapacity: true) }
        try stream.write(bytes)
    }
}
