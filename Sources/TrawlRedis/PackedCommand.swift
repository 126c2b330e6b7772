/// One command's arguments packed end to end in one buffer, handed to
/// hiredis as the (pointer, length) vectors its *Argv calls take: one
/// allocation per command instead of one per argument.
struct PackedCommand {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    init(_ arguments: [any RedisArgument]) {
        precondition(!arguments.isEmpty, "a Redis command needs at least its name")
        ends.reserveCapacity(arguments.count)
        for argument in arguments {
            argument.appendRedisBytes(to: &bytes)
            ends.append(bytes.count)
        }
        // A spare byte so the buffer always has an address, even when every
        // argument is empty (hiredis copies zero bytes from it then).
        bytes.append(0)
    }

    var count: Int { ends.count }

    /// Calls `body` with the argument count and the pointer and length
    /// vectors, valid only during the call.
    func withArgumentVectors<Result>(
        _ body: (Int32, UnsafePointer<UnsafePointer<UInt8>?>, UnsafePointer<Int>) -> Result
    ) -> Result {
        bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var pointers: [UnsafePointer<UInt8>?] = []
            var lengths: [Int] = []
            pointers.reserveCapacity(ends.count)
            lengths.reserveCapacity(ends.count)
            var start = 0
            for end in ends {
                pointers.append(base + start)
                lengths.append(end - start)
                start = end
            }
            return body(Int32(ends.count), pointers, lengths)
        }
    }
}
