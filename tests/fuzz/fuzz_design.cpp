#include "core/topologyfile.h"
#include "fuzzcheck.h"

#include <cstdint>

using namespace topolab::core;

// Any bytes as a .topo.json file: the loader answers with a design or an error, never a crash
// or a hang; a design it accepts saves and loads back to the same design.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const TopologyFile::LoadResult loaded = TopologyFile::parse(bytes, QStringLiteral("fuzz"));
    const auto *topology = std::get_if<Topology>(&loaded);
    if (!topology) {
        FUZZ_CHECK(!std::get<FileError>(loaded).message().isEmpty());
        return 0;
    }
    const TopologyFile::LoadResult again =
        TopologyFile::parse(TopologyFile::serialize(*topology), QStringLiteral("fuzz again"));
    const auto *reloaded = std::get_if<Topology>(&again);
    FUZZ_CHECK(reloaded);
    FUZZ_CHECK(*reloaded == *topology);
    return 0;
}
