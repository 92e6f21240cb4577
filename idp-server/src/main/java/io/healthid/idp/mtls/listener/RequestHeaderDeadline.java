package io.healthid.idp.mtls.listener;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request line and headers are not complete within the deadline, counted from the
 * connection's start or the end of its previous response. Reactor Netty's idle timeout restarts on every byte, so a
 * client dripping one header byte every few seconds would otherwise hold the socket for hours.
 */
final class RequestHeaderDeadline extends ChannelDuplexHandler {

    private final long deadlineMillis;
    private ScheduledFuture<?> timer;

    RequestHeaderDeadline(Duration deadline) {
        this.deadlineMillis = deadline.toMillis();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        arm(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object message) {
        if (message instanceof HttpRequest) {
            cancel();
        }
        context.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext context, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent) {
            // keep-alive: the next request's headers get the same deadline
            promise.addListener(written -> arm(context));
        }
        context.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        cancel();
        context.fireChannelInactive();
    }

    private void arm(ChannelHandlerContext context) {
        cancel();
        this.timer = context.executor().schedule(() -> context.close(), this.deadlineMillis, TimeUnit.MILLISECONDS);
    }

    private void cancel() {
        if (this.timer != null) {
            this.timer.cancel(false);
            this.timer = null;
        }
    }
}
