#pragma once

namespace topolab::gui {

// QUndoCommand::id() values of the commands that merge with their predecessor; one enum keeps
// them distinct.
enum class CommandId {
    MoveNodes = 1,
    SetNodeProperty,
};

} // namespace topolab::gui
