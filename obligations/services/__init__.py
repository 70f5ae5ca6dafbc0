"""Services: the only place that changes data. Named <entity>_<action>, keyword-only arguments."""
