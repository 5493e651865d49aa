/// How far an upload has got. Delivered through the `progress` continuation of
/// ``FilesResource/upload(fileAt:options:transfer:progress:)``:
///
/// ```swift
/// let (progress, reporter) = AsyncStream.makeStream(of: UploadProgress.self, bufferingPolicy: .bufferingNewest(1))
/// async let file = client.files.upload(fileAt: url, options: options, progress: reporter)
/// for await step in progress {
///     print("\(step.bytesSent)/\(step.totalBytes) bytes, \(Int(step.bytesPerSecond / 1e6)) MB/s")
/// }
/// print(try await file.id)
/// ```
public struct UploadProgress: Sendable, Hashable {
    /// Bytes the server has acknowledged (of the stored form: compressed bytes for a compressed upload).
    public var bytesSent: Int64
    /// Bytes to send in all.
    public var totalBytes: Int64
    /// Chunks the server holds (1 of 1 for a plain upload once it is done).
    public var chunksDone: Int
    /// Chunks in all.
    public var totalChunks: Int
    /// Bytes per second sent by this run (chunks found on the server when resuming are not counted as sent now).
    public var bytesPerSecond: Double
    /// The estimated time left, nil while unknown.
    public var estimatedTimeRemaining: Duration?
    /// Time since the upload started.
    public var elapsed: Duration

    /// The fraction done, from 0 to 1.
    public var fractionCompleted: Double {
        totalBytes > 0 ? Double(bytesSent) / Double(totalBytes) : 1
    }
}
