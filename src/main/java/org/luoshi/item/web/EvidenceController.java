package org.luoshi.item.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.item.EvidenceFile;
import org.luoshi.item.EvidenceService;
import org.luoshi.security.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 佐证材料 in and out, on the item page and on the API. */
@Controller
class EvidenceController {

    private final EvidenceService evidence;

    EvidenceController(EvidenceService evidence) {
        this.evidence = evidence;
    }

    @PostMapping("/items/{id}/files")
    String upload(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(required = false) MultipartFile file,
            RedirectAttributes redirect)
            throws IOException {
        try {
            EvidenceFile saved = evidence.upload(
                    user, id, file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes());
            redirect.addFlashAttribute("notice", "已上传 " + saved.name());
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/items/" + id;
    }

    @PostMapping("/api/v1/items/{id}/files")
    @ResponseBody
    ResponseEntity<EvidenceFile> uploadApi(
            CurrentUser user, @PathVariable long id, @RequestParam(required = false) MultipartFile file)
            throws IOException {
        EvidenceFile saved = evidence.upload(
                user, id, file == null ? null : file.getOriginalFilename(), file == null ? null : file.getBytes());
        return ResponseEntity.created(URI.create("/api/v1/items/" + id + "/files/" + saved.id()))
                .body(saved);
    }

    @GetMapping("/api/v1/items/{id}/files")
    @ResponseBody
    Map<String, List<EvidenceFile>> list(CurrentUser user, @PathVariable long id) {
        return Map.of("files", evidence.list(user, id));
    }

    @GetMapping({"/items/{id}/files/{fileId}", "/api/v1/items/{id}/files/{fileId}"})
    ResponseEntity<byte[]> download(CurrentUser user, @PathVariable long id, @PathVariable long fileId) {
        var d = evidence.download(user, id, fileId);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(d.file().name(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .contentType(MediaType.parseMediaType(d.contentType()))
                .contentLength(d.data().length)
                .body(d.data());
    }
}
