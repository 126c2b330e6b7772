import Foundation
import Testing
@testable import TrawlCore

extension Processes {
    struct FrameDecoderTests {
        private var stream: [UInt8] {
            get throws {
                var bytes: [UInt8] = []
                for message in ShardMessageSamples.all { try FrameCodec.encode(message, appendingTo: &bytes) }
                return bytes
            }
        }

        @Test func framesSplitAtEveryByteBoundaryDecode() throws {
            let bytes = try stream
            for split in 0...bytes.count {
                var decoder = FrameDecoder()
                var messages = try decoder.feed(bytes[..<split])
                messages += try decoder.feed(bytes[split...])
                #expect(messages == ShardMessageSamples.all, "split at \(split)")
                #expect(decoder.bufferedByteCount == 0)
                try decoder.finish()
            }
        }

        @Test func framesFedOneByteAtATimeDecode() throws {
            let bytes = try stream
            var decoder = FrameDecoder()
            var messages: [ShardMessage] = []
            for byte in bytes { messages += try decoder.feed([byte]) }
            #expect(messages == ShardMessageSamples.all)
        }

        @Test func framesInRandomChunksDecode() throws {
            let bytes = try stream
            var random = SeededGenerator(seed: 42)
            for _ in 0..<200 {
                var decoder = FrameDecoder()
                var messages: [ShardMessage] = []
                var offset = 0
                while offset < bytes.count {
                    let end = min(bytes.count, offset + Int.random(in: 1...64, using: &random))
                    messages += try decoder.feed(bytes[offset..<end])
                    offset = end
                }
                #expect(messages == ShardMessageSamples.all)
            }
        }

        @Test func aStreamEndingInsideAFrameIsReported() throws {
            var decoder = FrameDecoder()
            let frame = try FrameCodec.encode(.failed("bye"))
            #expect(try decoder.feed(frame.dropLast()) == [])
            #expect(decoder.bufferedByteCount == frame.count - 1)
            #expect(finishError(decoder) == "truncated frame: the stream ended 8 bytes into a frame of 9 bytes")
            var early = FrameDecoder()
            _ = try early.feed([0, 0])
            #expect(finishError(early) == "truncated frame: the stream ended 2 bytes into a frame (inside its length prefix)")
        }

        private func finishError(_ decoder: FrameDecoder) -> String? {
            do {
                try decoder.finish()
                return nil
            } catch {
                return error.code == .badFrame ? error.message : "wrong code \(error.code)"
            }
        }

        /// The message of the error that decoding `bytes` throws, nil if none.
        private func decodeError(_ bytes: [UInt8], maxFrameLength: Int = FrameCodec.maxFrameLength) -> String? {
            var decoder = FrameDecoder(maxFrameLength: maxFrameLength)
            do {
                _ = try decoder.feed(bytes)
                return nil
            } catch {
                return error.code == .badFrame ? error.message : "wrong code \(error.code)"
            }
        }

        @Test func malformedFramesThrowErrorsThatSayWhatIsWrong() {
            let cases: [(bytes: [UInt8], error: String)] = [
                ([0, 0, 0, 1, 0x7f], "malformed frame: unknown message type 0x7f (payload of 1 bytes)"),
                ([0, 0, 0, 0], "malformed frame: empty payload (a frame needs at least its type byte)"),
                ([0x04, 0, 0, 1], "malformed frame: length 67108865 exceeds the cap of 67108864 bytes"),
                ([0xff, 0xff, 0xff, 0xff], "malformed frame: length 4294967295 exceeds the cap of 67108864 bytes"),
                ([0, 0, 0, 2, 0x03, 0x80],
                 "malformed frame: truncated varint 'ceiling' in depthCeiling message at byte 1 of a 2-byte payload"),
                ([0, 0, 0, 11, 0x03] + Array(repeating: 0xff, count: 9) + [0x02],
                 "malformed frame: varint 'ceiling' overflows 64 bits in depthCeiling message at byte 1 of a 11-byte payload"),
                ([0, 0, 0, 12, 0x03] + Array(repeating: 0x80, count: 10) + [0x00],
                 "malformed frame: varint 'ceiling' overflows 64 bits in depthCeiling message at byte 1 of a 12-byte payload"),
                ([0, 0, 0, 4, 0x14, 5, 0x61, 0x62],
                 "malformed frame: 'reason' claims 5 but only 2 bytes follow it in failed message at byte 1 of a 4-byte payload"),
                ([0, 0, 0, 4, 0x14, 2, 0xc3, 0x28],
                 "malformed frame: string 'reason' is not valid UTF-8 in failed message at byte 2 of a 4-byte payload"),
                ([0, 0, 0, 5, 0x13, 2, 0, 0, 0],
                 "malformed frame: field 'idle' is a boolean byte 2, expected 0 or 1 in status message at byte 1 of a 5-byte payload"),
                ([0, 0, 0, 5, 0x13, 1, 0, 7, 0],
                 "malformed frame: presence byte of 'minPendingDepth' is 7, expected 0 or 1 in status message at byte 3 of a 5-byte payload"),
                ([0, 0, 0, 4, 0x13, 1, 0, 0],
                 "malformed frame: truncated varint 'pagesDone' in status message at byte 4 of a 4-byte payload"),
                ([0, 0, 0, 2, 0x04, 0x00], "malformed frame: 1 unexpected trailing bytes in stop message at byte 1 of a 2-byte payload"),
                // A hostile element count is refused before anything is reserved.
                ([0, 0, 0, 10, 0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40],
                 "malformed frame: 'url count' claims 4611686018427387904 but only 0 bytes follow it in discover message at byte 1 of a 10-byte payload"),
                ([0, 0, 0, 6, 0x02, 1, 1, 0x61, 3, 0x62],
                 "malformed frame: 'hostKey' claims 3 but only 1 bytes follow it in discover message at byte 4 of a 6-byte payload"),
                ([0, 0, 0, 9, 0x12, 0, 0, 0, 0, 0, 0, 0, 0],
                 "malformed frame: truncated field 'elapsedMilliseconds' (needs 8 bytes, 2 left) in page message at byte 7 of a 9-byte payload"),
            ]
            for (bytes, error) in cases {
                #expect(decodeError(bytes) == error, "\(bytes)")
            }
            #expect(decodeError([0, 0, 0, 200], maxFrameLength: 100) == "malformed frame: length 200 exceeds the cap of 100 bytes")
        }

        @Test func aDecoderThatFailedKeepsFailing() throws {
            var decoder = FrameDecoder()
            #expect(throws: TrawlError.self) { try decoder.feed([0, 0, 0, 1, 0x7f]) }
            #expect(throws: TrawlError.self) { try decoder.feed(try FrameCodec.encode(.stop)) }
            #expect(throws: TrawlError.self) { try decoder.finish() }
        }

        @Test func messagesBeforeABadFrameAreNotLostWhenSentSeparately() throws {
            var decoder = FrameDecoder()
            #expect(try decoder.feed(try FrameCodec.encode(.stop)) == [.stop])
            #expect(throws: TrawlError.self) { try decoder.feed([0, 0, 0, 1, 0x00]) }
        }

        /// Random bytes and randomly corrupted frames either decode or throw;
        /// they never trap, hang or allocate what a length claims.
        @Test func hostileBytesNeverCrash() throws {
            let valid = try stream
            var random = SeededGenerator(seed: 7)
            var threw = 0
            var decodedCorrupt = 0
            for round in 0..<3_000 {
                var bytes: [UInt8]
                if round % 2 == 0 {
                    bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                    // Keep lengths small enough that the frame can complete.
                    if bytes.count >= 4 { bytes[0] = 0; bytes[1] = 0 }
                } else {
                    bytes = valid
                    for _ in 0..<Int.random(in: 1...4, using: &random) {
                        bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                    }
                }
                var decoder = FrameDecoder(maxFrameLength: 1 << 20)
                do {
                    _ = try decoder.feed(bytes)
                    try decoder.finish()
                    if round % 2 == 1 { decodedCorrupt += 1 }
                } catch {
                    #expect(error.code == .badFrame)
                    threw += 1
                }
            }
            #expect(threw > 1_000)
            #expect(decodedCorrupt < 1_500)
        }
    }
}

extension Processes {
    struct FrameValueTests {
        @Test(arguments: ShardMessageSamples.outOfRange.indices)
        func aValueOutOfRangeIsABadFrameNamingItsField(index: Int) throws {
            let (message, field) = ShardMessageSamples.outOfRange[index]
            let error = try #require(Self.refusal(of: message), "\(message.name) with a bad \(field) was accepted")
            #expect(error.code == .badFrame)
            #expect(error.description.contains("'\(field)' = "), "\(error)")
        }

        static func refusal(of message: ShardMessage) -> TrawlError? {
            do {
                var decoder = FrameDecoder()
                _ = try decoder.feed(try FrameCodec.encode(message))
                return nil
            } catch {
                return (error as any Error) as? TrawlError
            }
        }

        @Test func bigBatchesTravelInFramesOfBoundedSize() {
            let urls = (0..<50_000).map { DiscoveredURL(url: "http://h.test/" + String(repeating: "x", count: 200) + "/\($0)", hostKey: "http://h.test", depth: 1) }
            let batches = DiscoveredURL.batches(urls)
            #expect(batches.count > 1)
            #expect(Array(batches.joined()) == urls)
            for batch in batches {
                #expect(batch.reduce(0) { $0 + $1.url.utf8.count + $1.hostKey.utf8.count + 16 } <= DiscoveredURL.maxBatchBytes)
            }
        }
    }
}
