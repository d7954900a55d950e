#include "writebatch.h"

#include "tcpstream.h"

#include <algorithm>
#include <utility>

namespace topolab::runtime {

namespace {

struct ThreadBatch {
    int passes = 0; // nested event loops each have a pass
    bool sending = false;
    std::vector<TcpStream *> streams; // in the order of their first write
};

thread_local ThreadBatch t_batch;

} // namespace

WriteBatch::Pass::Pass()
{
    ++t_batch.passes;
}

WriteBatch::Pass::~Pass()
{
    // Also at the end of a nested pass: a loop nested in a handler may be waiting for what was
    // written before it started.
    sendAll();
    --t_batch.passes;
}

bool WriteBatch::isOpen()
{
    return t_batch.passes > 0 && !t_batch.sending;
}

void WriteBatch::add(TcpStream *stream)
{
    t_batch.streams.push_back(stream);
}

void WriteBatch::remove(TcpStream *stream)
{
    // Cleared, not erased: the list may be being sent just now.
    std::replace(t_batch.streams.begin(), t_batch.streams.end(), stream,
                 static_cast<TcpStream *>(nullptr));
}

void WriteBatch::sendAll()
{
    if (t_batch.sending)
        return;
    t_batch.sending = true;
    // By index: a stream's listener may end other streams of the list, which remove() clears.
    for (std::size_t i = 0; i < t_batch.streams.size(); ++i)
        if (TcpStream *stream = std::exchange(t_batch.streams[i], nullptr))
            stream->sendBatched();
    t_batch.streams.clear();
    t_batch.sending = false;
}

} // namespace topolab::runtime
