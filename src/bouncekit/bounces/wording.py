"""What non-delivery notices say, in the words mail systems write them, in many languages.

The generic reader (``formats/notice.py``) recognises a notice from its structure; these tables
give it the words: a subject that reports a failure or a delay, a sentence that says a delivery
failed, one that says the server is still trying, one that says it has given up, the line where
the returned message starts, the label that names a recipient, and the words of mail that only
looks like a notice (a challenge to prove the sender is human).

Each entry is a regular expression for lowercased text and a line that a mail system writes
with it (tests/bounces/test_wording.py reads every example): the templates of the MTAs and mail
services named beside them, Exchange's and Gmail's in the languages they are sent in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Wording:
    language: str  # BCP 47 tag of the language it is written in
    pattern: str  # a regular expression for lowercased text
    example: str  # text a mail system writes, which the pattern finds
    source: str = ""  # the MTA or service whose template the example is from, where known


# Languages written without spaces between words: their phrases may start inside a run of
# letters, and never match ASCII text.
_UNSPACED = frozenset({"ja", "zh", "ko"})
_WORD_START = re.compile(r"\[?[^\W\d_]")  # a letter, or a class of letters, comes first


def _starts_words(pattern: str) -> bool:
    """Whether the pattern can only match at the start of a word: every alternative starts
    with a letter, or with a group (not optional) whose alternatives all do."""
    branches = _branches(pattern)
    if len(branches) > 1:
        return all(_starts_words(branch) for branch in branches)
    if pattern.startswith("(?:"):
        end = _closing(pattern)
        if end is None or pattern[end + 1 : end + 2] in ("?", "*", "{"):
            return False
        return _starts_words(pattern[3:end])
    return bool(_WORD_START.match(pattern))


def _branches(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern."""
    depth, start, branches, escaped = 0, 0, [], False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
    return [*branches, pattern[start:]]


def _closing(pattern: str) -> int | None:
    """Where the group that opens the pattern closes."""
    depth, escaped = 0, False
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


class Phrases:
    """A table compiled to search lowercased text, as fast as the words allow.

    One alternation of many phrases is tried at every position of a text, which is slow;
    phrases that start with a letter are tried only where a word starts (``\\b``), a third of
    the work, and those of unspaced scripts only in text that is not ASCII.
    """

    __slots__ = ("_anywhere", "_unspaced", "_words")

    def __init__(self, table: tuple[Wording, ...]) -> None:
        words, anywhere, unspaced = [], [], []
        for entry in table:
            if entry.language in _UNSPACED:
                unspaced.append(entry.pattern)
            elif _starts_words(entry.pattern):
                words.append(entry.pattern)
            else:
                anywhere.append(entry.pattern)
        self._words = _alternation(words, r"\b")
        self._anywhere = _alternation(anywhere)
        self._unspaced = _alternation(unspaced)

    def search(self, text: str) -> re.Match[str] | None:
        """The first phrase of the table in the text, or None."""
        found = [
            match
            for pattern in (self._words, self._anywhere)
            if pattern is not None and (match := pattern.search(text)) is not None
        ]
        if self._unspaced is not None and not text.isascii():
            match = self._unspaced.search(text)
            if match is not None:
                found.append(match)
        return min(found, key=lambda match: match.start()) if found else None


def _alternation(patterns: list[str], prefix: str = "") -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile(prefix + "(?:" + "|".join(f"(?:{pattern})" for pattern in patterns) + ")")


def compiled(table: tuple[Wording, ...]) -> Phrases:
    """The table compiled to find any of its entries in lowercased text."""
    return Phrases(table)


def alternation(table: tuple[Wording, ...]) -> str:
    """The entries of a table as one group, to build a larger pattern with."""
    return "(?:" + "|".join(f"(?:{entry.pattern})" for entry in table) + ")"


# Subjects of notices, failures and delays alike.
SUBJECTS = (
    Wording(
        "en",
        r"undeliver(?:able|ed)",
        "Undelivered Mail Returned to Sender",
        "Postfix",
    ),
    Wording(
        "en",
        r"undeliverable",
        "Undeliverable: Quarterly report",
        "Exchange",
    ),
    Wording(
        "en",
        r"mail delivery failed",
        "Mail delivery failed: returning message to sender",
        "Exim",
    ),
    Wording(
        "en",
        r"returned mail",
        "Returned mail: see transcript for details",
        "Sendmail",
    ),
    Wording(
        "en",
        r"failure notice",
        "failure notice",
        "qmail",
    ),
    Wording(
        "en",
        r"delivery status notification",
        "Delivery Status Notification (Failure)",
        "Gmail",
    ),
    Wording(
        "en",
        r"deliver(?:y|ies)? (?:failure|failed|error|problem)",
        "Mail Delivery Problem",
        "AOL",
    ),
    Wording(
        "en",
        r"delivery (?:report|notification)",
        "Delivery Notification: Delivery has failed",
        "Sun Messaging Server",
    ),
    Wording(
        "en",
        r"non-?deliver(?:y|able)",
        "Non-delivery notification",
    ),
    Wording(
        "en",
        r"(?:could|can) ?n[o']t (?:be )?deliver",
        "Message could not be delivered",
    ),
    Wording(
        "en",
        r"not delivered",
        "Mail not delivered",
    ),
    Wording(
        "en",
        r"mail system error",
        "Mail System Error - Returned Mail",
        "Netscape Messaging Server",
    ),
    Wording(
        "en",
        r"delivery (?:warning|delayed)",
        "Mail Delivery Warning",
    ),
    Wording(
        "en",
        r"delayed mail",
        "Delayed Mail (still being retried)",
        "Postfix",
    ),
    Wording(
        "en",
        r"warning: message .* delayed",
        "Warning: message 1a2b3c-0004Xz-7N delayed 24 hours",
        "Exim",
    ),
    Wording(
        "en",
        r"warning: could not send",
        "Warning: could not send message for past 4 hours",
        "Sendmail",
    ),
    Wording(
        "en",
        r"bounced? (?:mail|message)",
        "Bounced mail",
    ),
    Wording(
        "de",
        r"unzustellbar",
        "Unzustellbar: Angebot",
        "Exchange",
    ),
    Wording(
        "de",
        r"nicht zustellbar",
        "Nicht zustellbar: Angebot",
    ),
    Wording(
        "de",
        r"zustellung (?:fehlgeschlagen|verzögert)",
        "Zustellung fehlgeschlagen",
    ),
    Wording(
        "de",
        r"übermittlungsstatus",
        "Benachrichtigung zum Übermittlungsstatus (Fehler)",
        "Gmail",
    ),
    Wording(
        "fr",
        r"non remis",
        "Non remis : Réunion",
        "Exchange",
    ),
    Wording(
        "fr",
        r"non distribuable|non-remise",
        "Non distribuable : Réunion",
    ),
    Wording(
        "fr",
        r"[ée]chec de (?:la )?(?:remise|distribution)",
        "Échec de la remise du message",
    ),
    Wording(
        "fr",
        r"notification d'[ée]tat de (?:la )?(?:remise|distribution)",
        "Notification d'état de la remise (échec)",
        "Gmail",
    ),
    Wording(
        "fr",
        r"impossible d'envoyer",
        "Attention: impossible d'envoyer un message",
    ),
    Wording(
        "it",
        r"non recapitabile",
        "Non recapitabile: Riunione",
        "Exchange",
    ),
    Wording(
        "it",
        r"mancato recapito",
        "Avviso di mancato recapito",
    ),
    Wording(
        "it",
        r"notifica (?:sullo )?stato (?:della )?consegna",
        "Notifica sullo stato della consegna (errore)",
        "Gmail",
    ),
    Wording(
        "es",
        r"no se puede entregar",
        "No se puede entregar: Reunión",
        "Exchange",
    ),
    Wording(
        "es",
        r"notificaci[óo]n de estado de (?:la )?entrega",
        "Notificación de estado de entrega (error)",
        "Gmail",
    ),
    Wording(
        "es",
        r"devuelto|no entregado",
        "Mensaje devuelto: Reunión",
    ),
    Wording(
        "pt",
        r"n[ãa]o [ée] poss[íi]vel entregar",
        "Não é possível entregar: Reunião",
        "Exchange",
    ),
    Wording(
        "pt",
        r"n[ãa]o foi poss[íi]vel entregar",
        "Não foi possível entregar a mensagem",
    ),
    Wording(
        "pt",
        r"notifica[çc][ãa]o de status de entrega",
        "Notificação de status de entrega (falha)",
        "Gmail",
    ),
    Wording(
        "nl",
        r"onbestelbaar",
        "Onbestelbaar: Vergadering",
        "Exchange",
    ),
    Wording(
        "nl",
        r"niet (?:bezorgd|afgeleverd)",
        "Bericht niet bezorgd",
    ),
    Wording(
        "ru",
        r"недоставл",
        "Недоставленное сообщение",
        "Yandex",
    ),
    Wording(
        "ru",
        r"не доставлен",
        "Ваше сообщение не доставлено. Mail failure.",
        "Mail.Ru",
    ),
    Wording(
        "pl",
        r"niedostarczon|nie można dostarczyć",
        "Niedostarczona wiadomość",
    ),
    Wording(
        "cs",
        r"nedoručiteln",
        "Nedoručitelné: Schůzka",
        "Exchange",
    ),
    Wording(
        "sv",
        r"olevererbar|kunde inte levereras",
        "Olevererbart: Möte",
        "Exchange",
    ),
    Wording(
        "da",
        r"kan ikke leveres|ikke levert",
        "Ikke levert: Møte",
        "Exchange",
    ),
    Wording(
        "fi",
        r"toimittamaton",
        "Toimittamaton: Kokous",
        "Exchange",
    ),
    Wording(
        "hu",
        r"kézbesíthetetlen",
        "Kézbesíthetetlen: Értekezlet",
        "Exchange",
    ),
    Wording(
        "tr",
        r"teslim edilemedi",
        "Teslim edilemedi: Toplantı",
    ),
    Wording(
        "ja",
        r"配信不能|配信エラー|配送エラー|エラーメール",
        "配信不能: 会議",
        "Exchange",
    ),
    Wording(
        "ja",
        r"不達|配信できません",
        "メール不達のお知らせ",
    ),
    Wording(
        "zh",
        r"退信|无法投递|無法傳遞|无法传递",
        "系统退信",
    ),
    Wording(
        "zh",
        r"(?:投递|投遞|发送|傳輸|传输)失[败敗]",
        "邮件传输失败！",
        "Sina",
    ),
    Wording(
        "ko",
        r"배달 못 함|전송 실패",
        "배달 못 함: 회의",
        "Exchange",
    ),
)

# A sentence of the report that says a delivery failed (or has not happened yet).
FAILED = (
    Wording(
        "en",
        r"could ?n[o']t be (?:delivered|sent|forwarded|transmitted|reached)",
        "A message that you sent could not be delivered to one or more of its recipients.",
        "Exim",
    ),
    Wording(
        "en",
        r"can(?:no|')t be (?:delivered|reached)",
        "The following recipient(s) cannot be reached:",
        "Exchange",
    ),
    Wording(
        "en",
        r"(?:was|were|has|have|had) not (?:yet )?(?:been )?delivered",
        "Your message has NOT been delivered.",
    ),
    Wording(
        "en",
        r"(?:was|were)n't delivered|(?:has|have)n't been delivered",
        "Your message wasn't delivered to anyone.",
        "Exchange Online",
    ),
    Wording(
        "en",
        r"\bnot (?:be )?delivered\b",
        "Message not delivered: the recipient's mailbox is unavailable.",
    ),
    Wording(
        "en",
        r"undeliver(?:able|ed)",
        "This Message was undeliverable due to the following reason:",
        "Netscape Messaging Server",
    ),
    Wording(
        "en",
        r"non-?deliver(?:y|able)",
        "This is a non-delivery notification.",
    ),
    Wording(
        "en",
        r"deliver(?:y|ing)? (?:has |have )?failed",
        "Delivery has failed to these recipients or groups:",
        "Exchange",
    ),
    Wording(
        "en",
        r"delivery (?:failure|error|problem)",
        "Mail delivery error: the following recipients failed.",
    ),
    Wording(
        "en",
        r"delivery to .{1,100}? (?:failed|has been delayed|was delayed)",
        "Delivery to the following recipient failed permanently:",
        "Gmail",
    ),
    Wording(
        "en",
        r"failed to deliver",
        "Failed to deliver to 'a@example.com'",
    ),
    Wording(
        "en",
        r"error (?:while |when |in )?(?:delivering|sending|transmitting)",
        "There was an error delivering your mail to <a@example.com>.",
        "DragonFly Mail Agent",
    ),
    Wording(
        "en",
        r"(?:unable|not able|(?:was|were)(?:n't| not) able|could ?n[o']t|cannot|can't) (?:to )"
        r"?deliver",
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "qmail",
    ),
    Wording(
        "en",
        r"did ?n[o']t reach",
        "Your message did not reach some or all of the intended recipients.",
        "Exchange 2003",
    ),
    Wording(
        "en",
        r"did not receive (?:your|this|the) message",
        "The following recipients did not receive your message:",
        "Netscape Messaging Server",
    ),
    Wording(
        "en",
        r"encountered (?:delivery problems|an error|errors|a (?:permanent |fatal )?error)",
        "Your message has encountered delivery problems",
    ),
    Wording(
        "en",
        r"(?:address|addresses|recipients?)(?:\(e?s\))? (?:had (?:permanent|transient)|failed)",
        "The following addresses had permanent fatal errors",
        "Sendmail",
    ),
    Wording(
        "en",
        r"permanent (?:fatal )?(?:error|failure)",
        "This is a permanent error; I've given up.",
        "qmail",
    ),
    Wording(
        "en",
        r"return(?:ed|ing) (?:mail|message)",
        "Mail delivery failed: returning message to sender",
        "Exim",
    ),
    Wording(
        "en",
        r"(?:was|were|has been|have been) (?:rejected|refused|bounced|returned)",
        "Each of the following recipients was rejected by a remote mail server.",
        "iPlanet",
    ),
    Wording(
        "en",
        r"(?:has|have) been (?:delayed|deferred|postponed)",
        "Delivery of email to this address has been postponed due to a full mailbox.",
    ),
    Wording(
        "en",
        r"(?:user|mailbox|recipient|address) (?:unknown|not found|unavailable|does not exist)",
        "Local mailbox a@example.ru is unavailable: user not found",
        "Mail.Ru",
    ),
    Wording(
        "en",
        r"unknown user|no such user|mailbox (?:is )?full|quota exceeded",
        "a@example.com - no such user here.",
        "MDaemon",
    ),
    Wording(
        "en",
        r"destination addresses were unknown",
        "The following destination addresses were unknown",
    ),
    Wording(
        "de",
        r"unzustellbar|nicht zustellbar",
        "Die Nachricht ist unzustellbar.",
    ),
    Wording(
        "de",
        r"(?:konnte|kann|konnten|können) nicht (?:an .{1,80} )?(?:zugestellt|übermittelt|"
        r"ausgeliefert|zugeleitet|gesendet|versendet) werden",
        "Ihre Nachricht konnte nicht zugestellt werden.",
    ),
    Wording(
        "de",
        r"nicht (?:zugestellt|übermittelt|ausgeliefert)",
        "Ihre Nachricht wurde nicht zugestellt.",
    ),
    Wording(
        "de",
        r"fehlgeschlagen|zustellfehler|fehler bei der (?:nachrichten)?zustellung",
        "Übermittlung an folgende Empfänger oder Gruppen fehlgeschlagen:",
        "Exchange",
    ),
    Wording(
        "fr",
        r"non (?:remis|d[ée]livr[ée]|distribu[ée]|distribuable)|non-remise",
        "Message non remis",
    ),
    Wording(
        "fr",
        r"n'(?:a|ont) pas (?:pu )?(?:[êe]tre |[ée]t[ée] )?(?:remis|d[ée]livr[ée]|distribu[ée]|"
        r"transmis|livr[ée]|achemin[ée])",
        "Votre message n'a pas pu être remis aux destinataires suivants",
    ),
    Wording(
        "fr",
        r"[ée]chec (?:de|lors de) (?:la )?(?:remise|distribution|livraison)",
        "Échec de la remise du message",
    ),
    Wording(
        "fr",
        r"a [ée]chou[ée]",
        "La remise aux destinataires ou groupes suivants a échoué :",
        "Exchange",
    ),
    Wording(
        "fr",
        r"impossible (?:de |d')(?:remettre|distribuer|d[ée]livrer|livrer|envoyer|transmettre|"
        r"acheminer)",
        "Impossible de remettre le message",
    ),
    Wording(
        "it",
        r"non (?:è|e'|e) stato possibile (?:recapitare|consegnare)|impossibile (?:recapitare|"
        r"consegnare)",
        "Non è stato possibile recapitare il messaggio",
    ),
    Wording(
        "it",
        r"non recapitabile|mancato recapito|recapito non riuscito|consegna non riuscita",
        "Recapito non riuscito ai destinatari o gruppi seguenti:",
        "Exchange",
    ),
    Wording(
        "it",
        r"non (?:è stato |e' stato )?(?:recapitato|consegnato)",
        "Il messaggio non è stato recapitato.",
    ),
    Wording(
        "es",
        r"no se (?:puede|pudo|ha podido) entregar|no (?:pudo|puede|ha podido) ser entregad",
        "No se pudo entregar el mensaje a los siguientes destinatarios",
    ),
    Wording(
        "es",
        r"error (?:en|de) (?:la )?entrega|entrega fallida|no entregado",
        "Error en la entrega a los siguientes destinatarios",
        "Exchange",
    ),
    Wording(
        "pt",
        r"n[ãa]o (?:foi|[ée]) poss[íi]vel entregar|n[ãa]o (?:p[ôo]de|pode) ser entregue|"
        r"n[ãa]o (?:foi )?entregue",
        "Não foi possível entregar a mensagem aos seguintes destinatários",
    ),
    Wording(
        "pt",
        r"falha (?:na|de) entrega",
        "Falha na entrega para os seguintes destinatários ou grupos:",
        "Exchange",
    ),
    Wording(
        "nl",
        r"onbestelbaar|niet (?:worden )?(?:bezorgd|afgeleverd)|bezorging (?:is )?mislukt",
        "Bezorging is mislukt voor deze ontvangers of groepen:",
        "Exchange",
    ),
    Wording(
        "ru",
        r"не (?:может быть |был[ао]? |было )?доставлен|не удалось доставить|недоставл",
        "К сожалению, Ваше письмо не может быть доставлено одному или нескольким получателям",
        "Mail.Ru",
    ),
    Wording(
        "pl",
        r"nie (?:można|udało się) dostarczyć|nie został[ao]? dostarczon|niedostarczon",
        "Nie można dostarczyć wiadomości do następujących adresatów",
    ),
    Wording(
        "cs",
        r"nelze doručit|nebyl[ao]? doručen|nedoručiteln",
        "Zprávu nelze doručit následujícím příjemcům",
    ),
    Wording(
        "sv",
        r"kunde inte levereras|olevererbar",
        "Meddelandet kunde inte levereras",
    ),
    Wording(
        "da",
        r"kunne ikke leveres|kan ikke leveres|ikke (?:blevet )?lever(?:t|et)",
        "Meddelelsen kunne ikke leveres",
    ),
    Wording(
        "fi",
        r"ei voitu toimittaa|toimittamaton|toimitus epäonnistui",
        "Viestiä ei voitu toimittaa",
    ),
    Wording(
        "tr",
        r"teslim edilemedi|teslim edilemeyen",
        "İleti teslim edilemedi",
    ),
    Wording(
        "hu",
        r"kézbesíthetetlen|nem sikerült kézbesíteni",
        "Az üzenetet nem sikerült kézbesíteni",
    ),
    Wording(
        "ja",
        r"配信が?(?:でき(?:ません|なかった)|に失敗|不能)|配送が?(?:でき(?:ません|なかった)|に失敗)",
        "以下のアドレスへのメール配信ができませんでした。",
    ),
    Wording(
        "ja",
        r"送信が?(?:でき(?:ません|なかった)|に失敗)|届(?:けられ|き)(?:ません|なかった)|不達|宛先不明",
        "メッセージを送信できませんでした。",
    ),
    Wording(
        "zh",
        r"退信|无法(?:投递|送达|发送|传递)|無法(?:投遞|送達|傳遞|發送)|未能(?:送达|投递)",
        "邮件无法发送到您指定的地址中。",
        "Sina",
    ),
    Wording(
        "zh",
        r"(?:投递|投遞|发送|發送|传输|傳輸|递送|遞送)失[败敗]",
        "在邮件传输过程中由于外部的错误导致邮件投递失败",
    ),
    Wording(
        "zh",
        r"没有(?:发送|投递|送达)成功|沒有(?:發送|投遞|送達)成功|未能?(?:送达|送達|投递成功|投遞成功)",
        "很抱歉您的邮件没有发送成功",
    ),
    Wording(
        "ko",
        r"배달 못 함|배달되지 않|전달되지 않|전송(?:에)? 실패",
        "메시지가 배달되지 않았습니다",
    ),
    Wording(
        "ko",
        r"전송되지 못|발송(?:에)? 실패|발송되지 않",
        "메일이 전송되지 못했습니다",
    ),
)

# A notice that the server is still trying: a delay, not a failure (RFC 3464 "delayed").
DELAYED = (
    Wording(
        "en",
        r"(?:has|have) not yet been delivered|not yet (?:been )?delivered|n(?:o|')"
        r"t been delivered yet",
        "A message that you sent has not yet been delivered to one or more of its recipients "
        "after 2 days.",
        "Exim",
    ),
    Wording(
        "en",
        r"still undelivered|(?:will|to) continue (?:delivery )?attempts|"
        r"will continue to be attempted",
        "The mail system will continue delivery attempts.",
        "Postfix",
    ),
    Wording(
        "en",
        r"keep(?:s)? trying|will try (?:again|later)",
        "Will keep trying until message is 5 days old",
        "Sendmail",
    ),
    Wording(
        "en",
        r"(?:delivery|message|mail) (?:has been|is|was|have been) (?:delayed|deferred|"
        r"postponed)",
        "Message delivery has been delayed",
    ),
    Wording(
        "en",
        r"been (?:delayed|postponed)",
        "Delivery to the following recipient has been delayed:",
        "Gmail",
    ),
    Wording(
        "en",
        r"delayed mail|delivery delayed|\(delay\)|message delayed|delivery warning",
        "Delayed Mail (still being retried)",
        "Postfix",
    ),
    Wording(
        "en",
        r"will (?:continue to |keep )?(?:retry|try (?:again|to deliver|to send|delivering|"
        r"sending)|attempt (?:delivery|to deliver|to send|again))",
        "We will continue to attempt delivery of this message for 5 days.",
    ),
    Wording(
        "en",
        r"will be retried|still (?:being )?(?:retried|trying)|will try again",
        "Message will be retried for 2 more day(s)",
        "Gmail",
    ),
    Wording(
        "en",
        r"continu(?:e|es|ing) to (?:try|attempt)|attempts will (?:continue|be made)",
        "Delivery attempts will continue to be made for 5 day(s).",
        "Symantec",
    ),
    Wording(
        "en",
        r"warning message only|this is (?:just |only )?a warning|is only a warning",
        "THIS IS A WARNING MESSAGE ONLY.",
        "Sendmail",
    ),
    Wording(
        "en",
        r"do not need to (?:re-?send|take any action)|no action is required",
        "YOU DO NOT NEED TO RESEND YOUR MESSAGE.",
        "Sendmail",
    ),
    Wording(
        "en",
        r"had transient non-fatal errors",
        "The following addresses had transient non-fatal errors",
        "Sendmail",
    ),
    Wording(
        "de",
        r"verzögert|noch nicht (?:zugestellt|übermittelt)|weitere zustellversuche",
        "Die Zustellung der Nachricht wurde verzögert.",
    ),
    Wording(
        "de",
        r"(?:wird|werden) (?:weiterhin|erneut) versucht",
        "Die Zustellung wird weiterhin versucht.",
    ),
    Wording(
        "fr",
        r"(?:remise|distribution|livraison) (?:retard[ée]e|diff[ée]r[ée]e)|nouvelle tentative",
        "La remise du message a été retardée : remise retardée.",
    ),
    Wording(
        "fr",
        r"pas encore (?:[ée]t[ée] )?(?:remis|distribu[ée]|d[ée]livr[ée])",
        "Votre message n'a pas encore été remis.",
    ),
    Wording(
        "fr",
        r"(?:est|a [ée]t[ée]) (?:retard[ée]e?|diff[ée]r[ée]e?)",
        "La remise de votre message est retardée.",
    ),
    Wording(
        "es",
        r"entrega (?:retrasada|demorada)|se ha retrasado|se (?:seguirá|volverá a) intentar",
        "La entrega del mensaje se ha retrasado.",
    ),
    Wording(
        "es",
        r"a[úu]n no (?:se )?ha (?:sido )?entregad",
        "El mensaje aún no ha sido entregado.",
    ),
    Wording(
        "it",
        r"(?:recapito|consegna) (?:ritardat[oa]|in ritardo)|non (?:è|e')"
        r" ancora stato (?:recapitato|consegnato)",
        "Il recapito del messaggio è in ritardo: recapito ritardato.",
    ),
    Wording(
        "pt",
        r"entrega atrasada|ainda n[ãa]o foi entregue|ser[áa] tentad[ao] novamente",
        "A mensagem ainda não foi entregue.",
    ),
    Wording(
        "nl",
        r"vertraagd|nog niet (?:bezorgd|afgeleverd)",
        "De bezorging van het bericht is vertraagd.",
    ),
    Wording(
        "ru",
        r"задерж|ещ[её] не (?:было )?доставлен|попытки доставки (?:будут )?продолж",
        "Доставка сообщения задерживается",
    ),
    Wording(
        "ja",
        r"遅延|再送(?:を試み|します)|まだ配信されて",
        "メールの配信が遅延しています",
    ),
    Wording(
        "zh",
        r"延迟|延遲|将继续尝试|將繼續嘗試|正在重试|正在重試",
        "邮件投递延迟",
    ),
)

# A report that a delivery succeeded: no failure, whatever its subject says.
SUCCEEDED = (
    Wording(
        "en",
        r"successfully (?:delivered|relayed)|delivery (?:was |has been )?(?:successful|"
        r"completed|succeeded)",
        "Your message was successfully delivered to the destination(s) listed below.",
        "Exchange",
    ),
    Wording(
        "en",
        r"(?:has|have) been delivered to|\(success\)|\brelayed\b",
        "Delivery Status Notification (Success)",
        "Gmail",
    ),
    Wording(
        "de",
        r"erfolgreich (?:zugestellt|übermittelt)",
        "Die Nachricht wurde erfolgreich zugestellt.",
    ),
    Wording(
        "fr",
        r"(?:remis|distribu[ée]|d[ée]livr[ée]) avec succ[èe]s",
        "Votre message a été remis avec succès.",
    ),
    Wording(
        "es",
        r"entregado (?:correctamente|con [ée]xito)",
        "El mensaje se ha entregado correctamente.",
    ),
    Wording(
        "it",
        r"(?:consegnato|recapitato) (?:correttamente|con successo)",
        "Il messaggio è stato recapitato con successo.",
    ),
    Wording(
        "nl",
        r"succesvol (?:afgeleverd|bezorgd)",
        "Het bericht is succesvol afgeleverd.",
    ),
)

# A notice that the server has given up: final, whatever code the last attempt got.
GIVEN_UP = (
    Wording(
        "en",
        r"(?:i've|i have|has|have|we've|we have) given up|gave up|giving up",
        "This is a permanent error; I've given up. Sorry it didn't work out.",
        "qmail",
    ),
    Wording(
        "en",
        r"not (?:going to|gonna) try again|will not (?:be )?(?:retr(?:y|ied)|try again)",
        "I'm not going to try again; this message has been in the queue too long.",
        "qmail",
    ),
    Wording(
        "en",
        r"won't (?:retry|try again)|no (?:further|more) (?:delivery )?attempts",
        "No further delivery attempts will be made.",
    ),
    Wording(
        "en",
        r"(?:in|on) the queue too long|too long in the queue|queue (?:lifetime|time)"
        r" (?:exceeded|expired)",
        "this message has been in the queue too long",
        "qmail",
    ),
    Wording(
        "en",
        r"retry (?:timeout|time) exceeded|has been failing for a long time|long failure period",
        "retry timeout exceeded",
        "Exim",
    ),
    Wording(
        "en",
        r"maximum (?:time|retries|retry|number of (?:retries|attempts))",
        "Maximum number of retries exceeded",
    ),
    Wording(
        "en",
        r"(?:could not|couldn't|was not|wasn't|not) (?:be )?delivered within",
        "Your message was not delivered within 2 days.",
        "Netscape Messaging Server",
    ),
    Wording(
        "en",
        r"after \d+ (?:delivery )?attempt|delivery failed \d+ attempts|\bexpired\b",
        "This condition occurred after 30 attempt(s) to deliver",
    ),
    Wording(
        "en",
        r"(?<!not a )(?<!no )permanent (?:fatal )?(?:error|failure)|(?<!not )permanently|"
        r"fatal errors?",
        "The following addresses had permanent fatal errors",
        "Sendmail",
    ),
    Wording(
        "de",
        r"endgültig|aufgegeben|keine weiteren (?:zustell)?versuche",
        "Dies ist ein endgültiger Fehler.",
    ),
    Wording(
        "fr",
        r"d[ée]finiti(?:f|ve|vement)|abandonn[ée]",
        "Il s'agit d'une erreur définitive.",
    ),
    Wording(
        "es",
        r"(?:error|fallo) permanente|definitiv|tiempo de entrega vencido",
        "Este es un error permanente.",
    ),
    Wording(
        "it",
        r"errore permanente|definitiv",
        "Questo è un errore permanente.",
    ),
    Wording(
        "pt",
        r"erro permanente|definitiv",
        "Este é um erro permanente.",
    ),
    Wording(
        "nl",
        r"permanente fout|definitief",
        "Dit is een permanente fout.",
    ),
)

# A line that starts the returned message (or a forwarded or quoted one): the report ends.
ORIGINAL = (
    Wording(
        "en",
        r"(?:original|returned|undelivered|unsent|rejected|bounced) (?:message|mail|e-?mail)"
        r"s? (?:follows?|below|is attached|attached|included|headers?|text)",
        "----- Original message follows -----",
    ),
    Wording(
        "en",
        r"(?:here is|this is|below (?:this line )?is|attachment is|attached is|enclosed is)"
        r"(?: a| the)? (?:copy|header|headers|part|summary|first \d+ lines)"
        r"\b.{0,40}\b(?:message|mail)",
        "--- Below this line is a copy of the message.",
        "qmail",
    ),
    Wording(
        "en",
        r"(?:copy|header|headers|part|summary|first \d+ lines) of (?:the |your |this )"
        r"?(?:\w+ ){0,4}(?:message|mail|e-?mail)\b.{0,30}(?:follows?|following|below|attached|"
        r"included|including)",
        "--- The header of the original message is following. ---",
        "1&1",
    ),
    Wording(
        "en",
        r"(?:message|mail) (?:text|headers?|body) follows?",
        "----- Message header follows -----",
        "Gmail",
    ),
    Wording(
        "en",
        r"^[\W_]*(?:start of )?(?:original|returned|undelivered|unsent|forwarded|bounced|"
        r"rejected) (?:message|e-?mail|mail)[\W_]*$",
        "-----Original Message-----",
        "Outlook",
    ),
    Wording(
        "en",
        r"your message reads|begin forwarded message|forwarded message|original message:",
        "Your message reads (in part):",
    ),
    Wording(
        "en",
        r"^on .{6,120} wrote:$",
        "On Mon, 3 Mar 2025 at 10:02, Ann <ann@example.org> wrote:",
    ),
    Wording(
        "de",
        r"ursprüngliche nachricht|original-?nachricht|weitergeleitete nachricht",
        "-----Ursprüngliche Nachricht-----",
        "Outlook",
    ),
    Wording(
        "de",
        r"(?:kopie|kopf) der (?:\w+ )?nachricht|^am .{6,120} schrieb .{0,80}:$",
        "Es folgt eine Kopie der Nachricht:",
    ),
    Wording(
        "fr",
        r"message d'origine|message original|(?:copie|en-t[êe]tes?) du message|"
        r"message transf[ée]r[ée]",
        "En-têtes de message d'origine :",
        "Exchange",
    ),
    Wording(
        "fr",
        r"a [ée]crit\s?:$",
        "Le 3 mars 2025 à 10:02, Anne <anne@example.fr> a écrit :",
    ),
    Wording(
        "es",
        r"mensaje original|copia del mensaje|mensaje reenviado|escribi[óo]:$",
        "-----Mensaje original-----",
        "Outlook",
    ),
    Wording(
        "it",
        r"messaggio originale|copia del messaggio|messaggio inoltrato|intestazioni originali|"
        r"ha scritto:$",
        "Intestazioni originali del messaggio:",
        "Exchange",
    ),
    Wording(
        "pt",
        r"mensagem original|c[óo]pia da mensagem|mensagem encaminhada|escreveu:$",
        "-----Mensagem original-----",
        "Outlook",
    ),
    Wording(
        "nl",
        r"oorspronkelijk(?:e)? bericht|origineel bericht|kopie van (?:het|uw) bericht|"
        r"doorgestuurd bericht|schreef:$",
        "-----Oorspronkelijk bericht-----",
        "Outlook",
    ),
    Wording(
        "ru",
        r"исходное (?:сообщение|письмо)|оригинал(?:ьное)? (?:сообщени|письм)|копия (?:вашего )"
        r"?(?:сообщения|письма)|пересланное сообщение",
        "------ Это копия вашего сообщения",
    ),
    Wording(
        "ja",
        r"元の(?:メッセージ|メール)|オリジナル(?:メッセージ|メール)|転送されたメッセージ",
        "----- 元のメッセージ -----",
    ),
    Wording(
        "zh",
        r"原(?:始)?(?:邮件|郵件|信件)|原信",
        "--- 附件中的内容是原信件的一份拷贝",
        "Sina",
    ),
)

# The label of a field that names the recipient: "Recipient: <a@b>", "Error-for: a@b".
RECIPIENT_LABEL = (
    Wording(
        "en",
        r"(?:(?:failed|intended|original|final|bad|invalid|unknown|undeliverable)[- ])"
        r"?(?:recipient|addressee)(?: address)?(?:\(s\)|s)?",
        "Recipient: [SMTP:a@example.com]",
        "MailEnable",
    ),
    Wording(
        "en",
        r"(?:(?:e-?mail|mail|failed|bad|invalid|unknown|undeliverable|recipient) )"
        r"?address(?:es|\(es\))?",
        "Address: a@example.com",
    ),
    Wording(
        "en",
        r"error-for|rcpt to|(?:unknown |invalid )?(?:user|mailbox|account)",
        "Error-for:  a@example.com",
        "LISTSERV LSMTP",
    ),
    Wording(
        "de",
        r"empfänger(?:adresse)?|adresse",
        "Empfänger: a@example.de",
    ),
    Wording(
        "fr",
        r"destinataire|adresse(?: e-?mail)?",
        "Destinataire : a@example.fr",
    ),
    Wording(
        "es",
        r"destinatario|direcci[óo]n",
        "Destinatario: a@example.es",
    ),
    Wording(
        "it",
        r"destinatario|indirizzo",
        "Destinatario: a@example.it",
    ),
    Wording(
        "pt",
        r"destinat[áa]rio|endere[çc]o",
        "Destinatário: a@example.pt",
    ),
    Wording(
        "nl",
        r"ontvanger|geadresseerde|adres",
        "Ontvanger: a@example.nl",
    ),
    Wording(
        "ru",
        r"получатель|адресат|адрес",
        "Получатель: a@example.ru",
    ),
    Wording(
        "ja",
        r"宛先|受信者|あて先",
        "宛先: a@example.jp",
    ),
    Wording(
        "zh",
        r"收件人|收信人|收件地址",
        "收件人: a@example.cn",
    ),
)

# Words that lead to a recipient in a sentence: "Your message to a@b could not be delivered".
TO_RECIPIENT = (
    Wording(
        "en",
        r"(?:message|mail|e-?mail|delivery|deliver|delivered|sent|addressed|forwarded|"
        r"transmitted|reached) (?:to|for)",
        "Your message to a@example.com could not be delivered.",
    ),
    Wording(
        "en",
        r"(?:undeliverable|delivery failed|deliver) to|originally addressed to",
        "(Originally addressed to a@example.it)",
    ),
    Wording(
        "en",
        r"local (?:address|mailbox|user)",
        "Local mailbox a@example.ru is unavailable: user not found",
        "Mail.Ru",
    ),
    Wording(
        "de",
        r"(?:nachricht|mail|zustellung|zugestellt) an",
        "Ihre Nachricht an a@example.de konnte nicht zugestellt werden.",
    ),
    Wording(
        "fr",
        r"(?:message|courrier|remis|d[ée]livr[ée]|distribu[ée]|transmis) (?:à|a)",
        "Votre message n'a pas pu etre delivre a a@example.fr",
    ),
    Wording(
        "es",
        r"(?:mensaje|correo|entregado|entregar) (?:a|para)",
        "Su mensaje a a@example.es no se pudo entregar.",
    ),
    Wording(
        "it",
        r"(?:messaggio|recapitato|consegnato) (?:a|per)",
        "Il messaggio per a@example.it non è stato recapitato.",
    ),
    Wording(
        "pt",
        r"(?:mensagem|entregue) (?:a|para)",
        "A mensagem para a@example.pt não foi entregue.",
    ),
    Wording(
        "nl",
        r"(?:bericht|bezorgd|afgeleverd) (?:aan|naar)",
        "Uw bericht aan a@example.nl is niet bezorgd.",
    ),
)

# A line that names someone to write to, not a recipient: "Please contact postmaster@...".
CONTACT = (
    Wording(
        "en",
        r"contact|reply to|write to|send (?:an? )?(?:e-?mail|mail|message|note) to|mailto:",
        "Please reply to Postmaster@example.com if you feel this message to be in error.",
        "Netscape Messaging Server",
    ),
    Wording(
        "en",
        r"for (?:more )?(?:help|information|assistance)|questions|complaints|abuse|support",
        "For more information, write to help@example.com",
    ),
    Wording(
        "de",
        r"wenden sie sich|kontakt|schreiben sie an",
        "Bitte wenden Sie sich an postmaster@example.de",
    ),
    Wording(
        "fr",
        r"contactez|contacter|[ée]crivez",
        "Contactez postmaster@example.fr",
    ),
)

# The words before the sender's address: "sent by a@b", "MAIL FROM:<a@b>", "Absender: a@b".
SENDER_LABEL = (
    Wording(
        "en",
        r"mail from|envelope-from|(?:original )?sender|from|sent by|return-path",
        "The message was sent by: a@example.com",
    ),
    Wording(
        "de",
        r"absender|von",
        "Absender: a@example.de",
    ),
    Wording(
        "fr",
        r"exp[ée]diteur|de la part de",
        "Expéditeur : a@example.fr",
    ),
    Wording(
        "es",
        r"remitente",
        "Remitente: a@example.es",
    ),
    Wording(
        "it",
        r"mittente",
        "Mittente: a@example.it",
    ),
    Wording(
        "pt",
        r"remetente",
        "Remetente: a@example.pt",
    ),
    Wording(
        "nl",
        r"afzender",
        "Afzender: a@example.nl",
    ),
    Wording(
        "ru",
        r"отправител",
        "Отправитель: a@example.ru",
    ),
    Wording(
        "ja",
        r"差出人|送信者",
        "差出人: a@example.jp",
    ),
    Wording(
        "zh",
        r"发件人|發件人|寄件人",
        "发件人: a@example.cn",
    ),
)

# Mail that only looks like a notice: a challenge to prove the sender is human, a message
# held for a moderator. Its "not delivered" is a request, not a report.
NOT_A_NOTICE = (
    Wording(
        "en",
        r"(?:spam|junk) (?:quarantine|digest)|quarantine (?:summary|digest|report|notification)",
        "Spam Quarantine Summary: 3 messages were held for you.",
    ),
    Wording(
        "en",
        r"(?:confirm|verify) (?:that )?(?:you are|you're) (?:a )?(?:human|real person|"
        r"not a robot)",
        "To have your message delivered, please confirm that you are a human sender.",
    ),
    Wording(
        "en",
        r"prove (?:that )?you are (?:a )?human|sender verification|challenge[- ]response",
        "This mailbox is protected by a challenge-response system.",
    ),
    Wording(
        "en",
        r"(?:confirm|verify) (?:your|this) (?:message|e-?mail|address|identity)|"
        r"awaiting (?:your )?confirmation",
        "Please confirm your message by replying to this mail.",
        "TMDA",
    ),
    Wording(
        "en",
        r"(?:approved|authorized|whitelisted|verified) senders? list|spam (?:protection|"
        r"control) (?:system|service)",
        "You are not on my approved senders list.",
    ),
    Wording(
        "en",
        r"(?:click|follow) (?:on )?(?:the|this) link (?:below )?to (?:confirm|verify|deliver|"
        r"release)",
        "Please click the link below to verify your address.",
    ),
    Wording(
        "en",
        r"awaits? (?:the )?moderator|held for (?:moderation|approval)|pending (?:moderator )"
        r"?approval",
        "Your message to the list is being held for moderation.",
        "Mailman",
    ),
    Wording(
        "de",
        r"bestätigen sie, dass sie (?:ein )?mensch",
        "Bitte bestätigen Sie, dass Sie ein Mensch sind.",
    ),
)
