"""Community: commenter profiles and the moderation dashboard, in the admin."""
