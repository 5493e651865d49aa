extension IconectConfiguration {
    /// Bounds on what the client accepts from a server, so that a hostile or broken server cannot exhaust memory or disk.
    ///
    /// Crossing a limit fails the call with ``IconectError/Code/tooLarge`` as soon as the bytes cross it; nothing beyond
    /// the limit is held in memory or written out.
    /// ```swift
    /// var configuration = try IconectConfiguration(baseURL: "https://api.review.example.com")
    /// configuration.limits.maxResponseBytes = 16 << 20        // 16 MiB for any answer held in memory
    /// ```
    public struct Limits: Sendable, Hashable {
        /// The largest response body held in memory, after any `Content-Encoding` the HTTP stack undid: every API answer,
        /// and the bytes of ``FilesResource/download(id:range:restoresOriginal:)``. Default 64 MiB. Downloads to a file
        /// (``FilesResource/download(id:to:range:restoresOriginal:segmentSize:progress:)``) stream to disk and are not bound by it.
        public var maxResponseBytes: Int
        /// The most bytes restoring a compressed file in memory may produce. Default 256 MiB.
        public var maxInflatedBytes: Int
        /// The largest ratio of restored to stored size for a file stored compressed, in memory or on disk: a file whose
        /// metadata claims more is refused before it is restored, and restoring stops once the output passes it. The
        /// default, 1,100, is above the most deflate can reach (about 1,032 to 1), so every genuine gzip file passes (a
        /// repetitive load file easily compresses 300 to 1) while a claim no gzip stream can back is refused; set it lower
        /// to bound what a stored file may expand to further.
        public var maxCompressionRatio: Int

        public init(maxResponseBytes: Int = 64 << 20, maxInflatedBytes: Int = 256 << 20, maxCompressionRatio: Int = 1_100) {
            self.maxResponseBytes = maxResponseBytes
            self.maxInflatedBytes = maxInflatedBytes
            self.maxCompressionRatio = maxCompressionRatio
        }

        /// Checks the values, naming the first bad one.
        func validate() throws {
            guard maxResponseBytes >= 1024 else {
                throw IconectError.invalidConfiguration("limits.maxResponseBytes", "must be at least 1024, got \(maxResponseBytes)")
            }
            guard maxInflatedBytes >= 1024 else {
                throw IconectError.invalidConfiguration("limits.maxInflatedBytes", "must be at least 1024, got \(maxInflatedBytes)")
            }
            guard maxCompressionRatio >= 1 else {
                throw IconectError.invalidConfiguration("limits.maxCompressionRatio", "must be at least 1, got \(maxCompressionRatio)")
            }
        }

        /// The most bytes a compressed file of `storedSize` bytes may restore to under ``maxCompressionRatio``.
        func inflationLimit(storedSize: Int64) -> Int64 {
            let (product, overflow) = max(storedSize, 1).multipliedReportingOverflow(by: Int64(maxCompressionRatio))
            return overflow ? .max : product
        }
    }
}
