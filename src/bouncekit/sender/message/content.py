"""Size against the receivers' limits, and the content: text part, text-to-HTML ratio,
images, the subject and wording that SpamAssassin's body rules score (``spamrules``).
"""

from __future__ import annotations

import re

from bouncekit.bounces.mail import decode_header
from bouncekit.sender.message.model import excerpt
from bouncekit.sender.message.parsing import ParsedMessage, _read_html
from bouncekit.sender.message.spamrules import SPAM_THRESHOLD, matching_rules
from bouncekit.sender.model import Area, Finding, Status, finding

MB = 1024 * 1024
# (bytes, who refuses mail above it). Sizes are of the message as sent: base64 adds a third.
SIZE_LIMITS: tuple[tuple[int, str], ...] = (
    (10 * MB, "Postfix's default message_size_limit (10,240,000 bytes) and many company servers"),
    (20 * MB, "iCloud Mail and many hosting providers"),
    (25 * MB, "Gmail and Yahoo"),
    (35 * MB, "Microsoft 365 and Outlook.com (the default maximum)"),
)
GMAIL_CLIP_BYTES = 102 * 1024  # Gmail clips an HTML part over about 102 KB ("[Message clipped]")


# -- size ----------------------------------------------------------------------------------


def size_findings(size: int, parsed: ParsedMessage) -> list[Finding]:
    over = [(limit, who) for limit, who in SIZE_LIMITS if size > limit]
    megabytes = f"{size / MB:.1f} MB"
    found = []
    if over:
        limit, _ = over[-1]
        who = "; ".join(f"over {lim // MB} MB: {name}" for lim, name in over)
        found.append(
            finding(
                Area.SIZE,
                "limit",
                Status.FAIL,
                f"The message is {megabytes}, over the {limit // MB} MB limit ({who}).",
                "Receivers refuse mail over their limit: 552 5.3.4 'Message size exceeds fixed "
                "maximum message size', Gmail 552 5.2.3, Outlook.com 552 5.3.4.",
                "Link to large files instead of attaching them; base64 makes attachments a "
                "third larger than the files.",
            )
        )
    else:
        found.append(
            finding(
                Area.SIZE,
                "limit",
                Status.PASS,
                f"The message is {megabytes}, under the common limits (10, 20, 25, 35 MB).",
            )
        )
    html_bytes = sum(len(html.encode("utf-8")) for html in parsed.html)
    if html_bytes > GMAIL_CLIP_BYTES:
        found.append(
            finding(
                Area.SIZE,
                "html-size",
                Status.WARN,
                f"The HTML part is {html_bytes // 1024} KB; Gmail clips HTML over about 102 KB.",
                "Gmail shows '[Message clipped] View entire message', hiding the rest, "
                "including the unsubscribe link and open-tracking pixel.",
                "Trim the HTML (inline CSS, comments, repeated styles) below 100 KB.",
            )
        )
    return found


# -- content -------------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def content_findings(parsed: ParsedMessage) -> list[Finding]:
    found = []
    if parsed.unread:
        found.append(
            finding(
                Area.CONTENT,
                "structure",
                Status.FAIL,
                f"The body was not read in full: {parsed.unread}; what follows judges the "
                "parts that were read.",
                "Receivers' MIME parsers give up on such structures too, and filters treat "
                "them as an attempt to hide content from scanning.",
                "Build the message with a mail library: text and HTML in one "
                "multipart/alternative, attachments beside it in a multipart/mixed.",
            )
        )
    html = _read_html(parsed.html)
    visible = html.visible
    if parsed.html and not parsed.plain:
        found.append(
            finding(
                Area.CONTENT,
                "text-alternative",
                Status.WARN,
                "The message has HTML but no text/plain alternative.",
                "Filters score HTML-only mail (SpamAssassin MIME_HTML_ONLY) and some readers "
                "show nothing.",
                "Send multipart/alternative with a text/plain part carrying the same content.",
            )
        )
    elif parsed.html:
        found.append(
            finding(
                Area.CONTENT,
                "text-alternative",
                Status.PASS,
                "HTML comes with a text/plain alternative.",
            )
        )
    if parsed.html:
        html_size = sum(len(part) for part in parsed.html)
        ratio = len(visible) / html_size if html_size else 0.0
        if ratio < 0.1:
            found.append(
                finding(
                    Area.CONTENT,
                    "text-ratio",
                    Status.WARN,
                    f"Visible text is {ratio:.0%} of the HTML ({len(visible)} of {html_size} "
                    "characters).",
                    "Little text in much markup is typical of spam that hides its words in "
                    "images or code; filters score it.",
                    "Write more of the message as text; move styles to fewer, simpler rules.",
                )
            )
        else:
            found.append(
                finding(
                    Area.CONTENT,
                    "text-ratio",
                    Status.PASS,
                    f"Visible text is {ratio:.0%} of the HTML.",
                )
            )
        images = html.images + parsed.inline_images
        plain_words = _words(" ".join(parsed.plain))
        if images and _words(visible) < 30 and plain_words < 30:
            found.append(
                finding(
                    Area.CONTENT,
                    "image-only",
                    Status.FAIL if not visible else Status.WARN,
                    f"The message is mostly images: {images} image(s) and {_words(visible)} "
                    "words of text.",
                    "Image-only mail is a classic spam pattern (SpamAssassin HTML_IMAGE_ONLY_*) "
                    "and shows as blank when images are blocked, as they are by default in "
                    "many clients.",
                    "Put the message in text and use images for illustration, with alt text.",
                )
            )
    found += _wording_findings(parsed, visible)
    return found


def _wording_findings(parsed: ParsedMessage, visible: str) -> list[Finding]:
    found = []
    subject = decode_header(parsed.message.get("Subject", ""))
    letters = [char for char in subject if char.isalpha()]
    capitals = sum(1 for char in letters if char.isupper())
    if len(letters) >= 8 and capitals / len(letters) > 0.5:
        found.append(
            finding(
                Area.CONTENT,
                "subject-capitals",
                Status.WARN,
                f"The subject is mostly capitals ({capitals} of {len(letters)} letters): "
                f"{excerpt(subject)}.",
                "Filters score shouting subjects (SpamAssassin SUBJ_ALL_CAPS) and readers "
                "take them for spam.",
                "Write the subject in sentence case.",
            )
        )
    if "!!" in subject or subject.count("!") >= 3 or "$$" in subject:
        found.append(
            finding(
                Area.CONTENT,
                "subject-punctuation",
                Status.WARN,
                f"The subject has repeated exclamation or dollar marks: {excerpt(subject)}.",
                "Filters score them (SpamAssassin PLING_QUERY and kin).",
                "Use at most one exclamation mark.",
            )
        )
    # SpamAssassin's body rules read the subject too, as the first paragraph.
    rules = matching_rules([subject, *parsed.plain, visible])
    if rules:
        points = sum(rule.points for rule in rules)
        found.append(
            finding(
                Area.CONTENT,
                "spam-phrases",
                Status.WARN if len(rules) < 4 else Status.FAIL,
                "SpamAssassin rules matched: "
                + ", ".join(f"{rule.name} ({rule.description})" for rule in rules)
                + ".",
                f"SpamAssassin adds about {points:.1f} points for this wording at its default "
                f"scores (mail at {SPAM_THRESHOLD:.0f} is spam); several such rules together push "
                "a message over it.",
                "Say the same in plain words (what the offer is, not how urgent or free it is).",
            )
        )
    else:
        found.append(finding(Area.CONTENT, "spam-phrases", Status.PASS, "No spam-trigger phrases."))
    return found
