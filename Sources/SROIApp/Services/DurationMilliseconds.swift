extension Duration {
    /// Whole milliseconds, for logs and benchmarks.
    var wholeMilliseconds: Int64 { components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000 }
}
