import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The hostile profile's bodies that do not simply go out whole (see
/// `SyntheticResponse.Delivery`). Everything runs on the connection's
/// event loop: a drip is a chain of timers, a stream writes while the
/// channel is writable and resumes when it is again.
extension SyntheticHTTPHandler {
    /// A body still going out.
    struct Sending {
        var host: Int?
        var keepAlive: Bool
        /// Body bytes handed to the channel so far.
        var sent = 0
        /// A drip: the body, one byte per interval, and the next byte's timer.
        var drip: (body: [UInt8], interval: Duration, next: Scheduled<Void>?)?
        var stream: StreamedBodyCursor?
    }

    /// Called after the head has been written (not flushed).
    func startDelivery(_ response: SyntheticResponse, host: Int?, keepAlive: Bool, context: ChannelHandlerContext) {
        switch response.delivery {
        case .complete:
            preconditionFailure("a complete body needs no delivery")
        case .drip(let interval):
            context.flush()
            sending = Sending(host: host, keepAlive: keepAlive, drip: (response.body, interval, nil))
            scheduleDrip(context: context)
        case .streamed(let body):
            let cursor = StreamedBodyCursor(body, allocator: context.channel.allocator)
            sending = Sending(host: host, keepAlive: keepAlive, stream: cursor)
            continueStream(context: context)
        case .short:
            recorder.requestFinished(host: host, bodyBytes: response.body.count)
            let channel = context.channel
            writeBody(response.body[...], context: context).whenComplete { _ in channel.close(promise: nil) }
        case .reset(let afterBytes):
            let sent = response.body.prefix(afterBytes)
            recorder.requestFinished(host: host, bodyBytes: sent.count)
            let channel = context.channel
            writeBody(sent, context: context).whenComplete { _ in
                // Lingering for zero seconds makes close() send RST, not FIN.
                guard let socket = channel as? any SocketOptionProvider else { return channel.close(promise: nil) }
                socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in channel.close(promise: nil) }
            }
        }
    }

    /// Resumes a stream while the channel takes more; flushes last, since
    /// a flush may call back into this method (the channel writable again).
    func continueStream(context: ChannelHandlerContext) {
        guard var sending, var cursor = sending.stream else { return }
        while context.channel.isWritable, let buffer = cursor.next(allocator: context.channel.allocator) {
            context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        }
        sending.sent = cursor.offset
        sending.stream = cursor
        if cursor.isFinished {
            self.sending = nil
            end(host: sending.host, bodyBytes: sending.sent, keepAlive: sending.keepAlive, context: context)
        } else {
            self.sending = sending
            context.flush()
        }
    }

    /// The connection went away mid-body: stop the timers, count what went out.
    func abandonDelivery() {
        guard let sending else { return }
        sending.drip?.next?.cancel()
        recorder.requestFinished(host: sending.host, bodyBytes: sending.sent)
        self.sending = nil
    }

    private func scheduleDrip(context: ChannelHandlerContext) {
        guard let interval = sending?.drip?.interval else { return }
        let next = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(interval.wholeNanoseconds)) {
            self.dripNextByte(context: context)
        }
        sending?.drip?.next = next
    }

    private func dripNextByte(context: ChannelHandlerContext) {
        guard var sending, let body = sending.drip?.body else { return }
        var buffer = context.channel.allocator.buffer(capacity: 1)
        buffer.writeInteger(body[sending.sent])
        sending.sent += 1
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        if sending.sent == body.count {
            self.sending = nil
            end(host: sending.host, bodyBytes: sending.sent, keepAlive: sending.keepAlive, context: context)
        } else {
            self.sending = sending
            scheduleDrip(context: context)
        }
    }

    private func writeBody(_ bytes: ArraySlice<UInt8>, context: ChannelHandlerContext) -> EventLoopFuture<Void> {
        let buffer = context.channel.allocator.buffer(bytes: bytes)
        return context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(buffer))))
    }
}
