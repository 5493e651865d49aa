#if canImport(FoundationNetworking)
import Foundation

/// An `InputStream` over `length` bytes of a file from `offset`, read with `pread` as URLSession asks for them: how the
/// URLSession transport sends one chunk of a chunked upload without holding it in memory (Foundation has no upload task
/// for part of a file, and a chunk handed over as `Data` is copied once more into `DispatchData`, so every chunk in
/// flight cost twice its size).
///
/// Not `Sendable`: URLSession reads it from the task's serial work queue only, and nothing else touches it after the
/// request is made. Linux only (swift-corelibs-foundation reads a body stream through these overrides alone; Darwin's
/// `NSInputStream` subclasses need private run-loop methods).
final class FileRegionInputStream: InputStream {
    private let reader: FileReader
    private let end: Int64
    private var position: Int64
    private var status: Stream.Status = .notOpen
    private var failure: (any Error)?

    /// Opens the file now, so that a missing or unreadable file fails the request before it is sent.
    init(url: URL, offset: Int64, length: Int64) throws {
        reader = try FileReader(url: url)
        guard offset >= 0, length >= 0, offset + length <= reader.size else {
            let size = reader.size
            reader.close()
            throw IconectError(.transport, "\(url.lastPathComponent) has \(size) bytes, fewer than the \(length) at \(offset) to send")
        }
        position = offset
        end = offset + length
        super.init(data: Data())
    }

    deinit {
        if status != .closed { reader.close() }
    }

    override var streamStatus: Stream.Status { status }
    override var streamError: (any Error)? { failure }
    override var hasBytesAvailable: Bool { status == .open && position < end }

    override func open() {
        if status == .notOpen { status = .open }
    }

    override func close() {
        guard status != .closed else { return }
        status = .closed
        reader.close()
    }

    override func read(_ buffer: UnsafeMutablePointer<UInt8>, maxLength: Int) -> Int {
        guard status == .open || status == .atEnd else { return -1 }
        let count = Int(min(Int64(maxLength), end - position))
        guard count > 0 else {
            status = .atEnd
            return 0
        }
        do {
            try reader.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: count), at: position)
        } catch {
            failure = error
            status = .error
            return -1
        }
        position += Int64(count)
        return count
    }

    override func getBuffer(_ buffer: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, length: UnsafeMutablePointer<Int>) -> Bool {
        false
    }
}
#endif
